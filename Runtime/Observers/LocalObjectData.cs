using Cluster.Runtime.CodeGeneration;
using Cluster.Runtime.Core;
using Cluster.Runtime.Messaging;

namespace Cluster.Runtime.Observers;

/// <summary>One observer object and its queue: calls run one at a time, in the order they arrived.</summary>
internal sealed class LocalObjectData(IGrainObserver observer, Action<Request, Exception> onOneWayDropped) : IInvocationSink, IThreadPoolWorkItem
{
    private readonly WeakReference<IGrainObserver> _target = new(observer);
    private readonly Queue<Request> _queue = new();
    private bool _running;

    public bool IsAlive => _target.TryGetTarget(out _);

    public void Enqueue(Request request)
    {
        request.Sink = this;
        lock (_queue)
        {
            _queue.Enqueue(request);
            if (_running)
            {
                return;
            }

            _running = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    void IThreadPoolWorkItem.Execute()
    {
        Request request;
        lock (_queue)
        {
            if (!_queue.TryDequeue(out request!))
            {
                _running = false;
                return;
            }
        }

        if (_target.TryGetTarget(out var target))
        {
            var outer = RequestContext.Enter(request.Context);
            request.Invoke(target);
            RequestContext.Restore(outer);
            return;
        }

        request.Sink = null;
        var exception = new ObserverNotAvailableException($"Observer {request.Target} was garbage-collected before the call {request} reached it.");
        if (!request.TryFail(exception) && request.IsOneWay)
        {
            onOneWayDropped(request, exception);
        }

        OnInvocationCompleted(request, null);
    }

    public void OnInvocationCompleted(Request request, Exception? exception)
    {
        if (exception is not null && request.IsOneWay)
        {
            onOneWayDropped(request, exception);
        }

        lock (_queue)
        {
            if (_queue.Count == 0)
            {
                _running = false;
                return;
            }
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }
}
