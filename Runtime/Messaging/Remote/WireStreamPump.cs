using System.Text.Json;
using System.Threading.Channels;
using Cluster.Runtime.CodeGeneration;
using Cluster.Runtime.Transport;

namespace Cluster.Runtime.Messaging.Remote;

/// <summary>
/// Callee side of a streamed call from another process: the grain's iteration writes into a bounded buffer, and
/// this pump sends each item in a <c>StreamItem</c> frame, waiting while the connection's send queue is full, so
/// a caller that reads slowly (and stops reading its socket) slows the grain. The response goes out only after
/// the last item has been queued, so it cannot overtake an item.
/// </summary>
internal sealed class WireStreamPump<TItem> : IRemoteResponder
{
    private readonly MessageConnection _connection;
    private readonly long _correlationId;
    private readonly IRemoteResponder _responder;
    private readonly Request _request;
    private readonly CancellationToken _cancellation;
    private readonly Channel<TItem> _items;
    private readonly Task<Exception?> _pumping;

    public WireStreamPump(MessageConnection connection, long correlationId, IRemoteResponder responder, Request request, CancellationToken cancellation)
    {
        _connection = connection;
        _correlationId = correlationId;
        _responder = responder;
        _request = request;
        _cancellation = cancellation;
        _items = Channel.CreateBounded<TItem>(new BoundedChannelOptions(GrainAsyncEnumerable<TItem>.BufferSize)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _pumping = Task.Run(PumpAsync);
    }

    public ChannelWriter<TItem> Writer => _items.Writer;

    public void Respond<TResult>(Task<TResult> completed)
    {
        // The method has ended: nothing more will be written, so the pump ends once the buffer is sent.
        _items.Writer.TryComplete();
        _ = RespondAfterPumpAsync(completed);
    }

    private async Task RespondAfterPumpAsync<TResult>(Task<TResult> completed)
    {
        var failure = await _pumping.ConfigureAwait(false);
        _responder.Respond(failure is null ? completed : Task.FromException<TResult>(failure));
    }

    /// <summary>Sends the buffer's items in order; returns the error the caller must see instead of the method's outcome, if any.</summary>
    private async Task<Exception?> PumpAsync()
    {
        var reader = _items.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_cancellation).ConfigureAwait(false))
            {
                while (reader.TryRead(out var item))
                {
                    await _connection.SendStreamItemAsync(_correlationId, item, _cancellation).ConfigureAwait(false);
                }
            }

            return null;
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            // The caller gave up: its items have nobody to go to. Completing the buffer ends a write the
            // iteration may be waiting in, should it not observe the token first.
            _items.Writer.TryComplete();
            return null;
        }
        catch (TransportException exception)
        {
            // The connection is gone: the iteration's next write fails, and the response cannot be sent either.
            _items.Writer.TryComplete(exception);
            return null;
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException)
        {
            var failure = new NotSupportedException($"An item ({typeof(TItem).Name}) of {_request} could not be serialized: {exception.Message}");
            _items.Writer.TryComplete(failure);
            return failure;
        }
    }
}
