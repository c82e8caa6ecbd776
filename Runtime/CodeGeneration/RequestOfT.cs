using System.Buffers;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Cluster.Runtime.Messaging;
using Cluster.Runtime.Messaging.Wire;

namespace Cluster.Runtime.CodeGeneration;

/// <summary>A call whose method returns <c>Task&lt;TResult&gt;</c> or <c>ValueTask&lt;TResult&gt;</c>.</summary>
/// <typeparam name="TResult">The method's result type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class Request<TResult> : Request, IThreadPoolWorkItem
{
    // A promise task without a TaskCompletionSource: one allocation fewer per call. The proxy reads Task
    // before the request is sent, so the task exists before any thread can complete it.
    private AsyncTaskMethodBuilder<TResult> _builder;
    private TResult? _result;
    private Exception? _exception;

    internal Task<TResult> Task => _builder.Task;

    /// <summary>Calls the grain method on <paramref name="target"/>; generated.</summary>
    protected abstract ValueTask<TResult> InvokeMethodAsync(object target);

    internal override void Invoke(object target)
    {
        ValueTask<TResult> pending;
        try
        {
            pending = InvokeMethodAsync(target);
        }
        catch (Exception exception)
        {
            OnInvocationEnded(default, exception);
            return;
        }

        if (pending.IsCompleted)
        {
            OnPendingCompleted(pending);
            return;
        }

        PendingInvocation.Await(this, pending);
    }

    internal override void RespondWhenDone(IRemoteResponder responder) =>
        Task.ContinueWith(
            static (completed, state) => ((IRemoteResponder)state!).Respond(completed),
            responder,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    internal override void CompleteFromWire(ReadOnlySequence<byte> result, JsonSerializerOptions json)
    {
        TResult value;
        try
        {
            value = MessageCodec.ReadResult<TResult>(result, json);
        }
        catch (Exception exception)
        {
            // Any decoding failure (JSON, a type the serializer cannot create) fails this call only.
            TryFail(new WireFormatException($"The response to {this} could not be read as {typeof(TResult).Name}: {exception.Message}"));
            return;
        }

        if (TryClaimCallerCompletion())
        {
            _result = value;
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    internal override bool TryFail(Exception exception)
    {
        if (IsOneWay || !TryClaimCallerCompletion())
        {
            return false;
        }

        _exception = exception;
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        return true;
    }

    void IThreadPoolWorkItem.Execute() => SetCallerOutcome();

    private void OnPendingCompleted(ValueTask<TResult> completed)
    {
        TResult? result = default;
        Exception? exception = null;
        try
        {
            result = completed.GetAwaiter().GetResult();
        }
        catch (Exception caught)
        {
            exception = caught;
        }

        OnInvocationEnded(result, exception);
    }

    private void OnInvocationEnded(TResult? result, Exception? exception)
    {
        var sink = Sink;
        Sink = null;
        if (!IsOneWay && TryClaimCallerCompletion())
        {
            _result = result;
            _exception = exception is null ? null : ExceptionCodec.ForCaller(exception);
            if (CompleteInline)
            {
                SetCallerOutcome();
            }
            else
            {
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
            }
        }

        sink?.OnInvocationCompleted(this, exception);
    }

    private void SetCallerOutcome()
    {
        // Continuations that run inline must not see the callee's synchronization context.
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            if (_exception is { } exception)
            {
                _builder.SetException(exception);
            }
            else
            {
                _builder.SetResult(_result!);
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    /// <summary>A method still running after its first turn: allocated only then, so synchronous calls stay small.</summary>
    private sealed class PendingInvocation(Request<TResult> request, ValueTask<TResult> pending)
    {
        public static void Await(Request<TResult> request, ValueTask<TResult> pending) =>
            pending.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(new PendingInvocation(request, pending).OnCompleted);

        private void OnCompleted() => request.OnPendingCompleted(pending);
    }
}
