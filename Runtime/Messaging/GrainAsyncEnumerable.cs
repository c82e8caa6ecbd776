using System.Threading.Channels;
using Cluster.Runtime.CodeGeneration;

namespace Cluster.Runtime.Messaging;

/// <summary>
/// The caller's side of a streamed call: each enumeration sends one request and reads its items from a
/// bounded buffer. Disposing the enumerator early (<c>break</c>) or cancelling its token cancels the callee's
/// iteration, whose <c>finally</c> blocks then run on the activation.
/// </summary>
internal sealed class GrainAsyncEnumerable<TItem>(GrainReference target, Func<StreamRequest<TItem>> createRequest) : IAsyncEnumerable<TItem>
{
    /// <summary>Items buffered between the grain and a slow caller before the grain waits.</summary>
    public const int BufferSize = 64;

    public IAsyncEnumerator<TItem> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        new Enumerator(target, createRequest(), cancellationToken);

    private sealed class Enumerator : IAsyncEnumerator<TItem>
    {
        private readonly GrainReference _target;
        private readonly StreamRequest<TItem> _request;
        private readonly CancellationTokenSource _cancellation;
        private readonly Channel<TItem> _items;
        private bool _started;
        private bool _receivedItem;

        public Enumerator(GrainReference target, StreamRequest<TItem> request, CancellationToken cancellationToken)
        {
            _target = target;
            _request = request;
            _cancellation = CancellationTokenSource.CreateLinkedTokenSource(request.CancellationToken, cancellationToken);
            _items = Channel.CreateBounded<TItem>(new BoundedChannelOptions(BufferSize)
            {
                SingleReader = true,
                SingleWriter = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
            request.CancellationToken = _cancellation.Token;
            request.Items = _items.Writer;
        }

        public TItem Current { get; private set; } = default!;

        public async ValueTask<bool> MoveNextAsync()
        {
            if (!_started)
            {
                _started = true;
                var completion = _request.Task;
                _target.Invoker.Send(_target, _request);
                _ = completion.ContinueWith(
                    static (task, state) => ((ChannelWriter<TItem>)state!).TryComplete(OutcomeOf(task)),
                    _items.Writer,
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }

            while (true)
            {
                if (_items.Reader.TryRead(out var item))
                {
                    if (!_receivedItem)
                    {
                        // The response timeout bounds the wait for a stream to start; once items flow, the
                        // caller's cancellation token bounds it.
                        _receivedItem = true;
                        _request.TimeoutEntry.Tracker?.Remove(_request);
                    }

                    Current = item;
                    return true;
                }

                if (!await _items.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
                {
                    return false;
                }
            }
        }

        public ValueTask DisposeAsync()
        {
            // Cancel even when the caller's side has ended (a timeout or an error may end it while the grain's
            // iterator still runs); cancelling a finished iteration does nothing.
            if (_started)
            {
                _cancellation.Cancel();
            }

            _cancellation.Dispose();
            return ValueTask.CompletedTask;
        }

        private static Exception? OutcomeOf(Task task) => task.Status switch
        {
            TaskStatus.Faulted => task.Exception!.InnerException,
            TaskStatus.Canceled => new OperationCanceledException("The streamed call was cancelled."),
            _ => null,
        };
    }
}
