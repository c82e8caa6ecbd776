using System.Buffers;
using System.ComponentModel;
using System.Text.Json;
using System.Threading.Channels;
using Cluster.Runtime.Messaging;
using Cluster.Runtime.Messaging.Remote;
using Cluster.Runtime.Messaging.Wire;

namespace Cluster.Runtime.CodeGeneration;

/// <summary>
/// A call to a method that returns <c>IAsyncEnumerable&lt;TItem&gt;</c>. The whole enumeration is one request:
/// it holds the activation's turn from the first item to the last (so, unless the method is
/// <c>[ReadOnly]</c>/<c>[AlwaysInterleave]</c> or the grain <c>[Reentrant]</c>, other calls wait for the stream
/// to end), and items flow to the caller through a bounded buffer, so a slow caller slows the producer.
/// </summary>
/// <typeparam name="TItem">The item type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class StreamRequest<TItem> : VoidRequest, IStreamRequest
{
    internal ChannelWriter<TItem>? Items { get; set; }

    /// <summary>Calls the grain method on <paramref name="target"/>; generated.</summary>
    protected abstract IAsyncEnumerable<TItem> InvokeStream(object target);

    internal override ValueTask OnStreamItemFromWireAsync(ReadOnlySequence<byte> json, JsonSerializerOptions options, TimeSpan stallLimit, TimeProvider timeProvider)
    {
        var item = MessageCodec.ReadResult<TItem>(json, options);
        var items = Items;

        // No writer: the caller is not enumerating. A write that fails on a completed buffer: the caller's side
        // has ended (cancelled, timed out, failed) and the item has nobody to go to.
        if (items is null || items.TryWrite(item))
        {
            return ValueTask.CompletedTask;
        }

        return WaitAndWriteAsync(items, item, stallLimit, timeProvider);
    }

    internal override IRemoteResponder PumpItemsToWire(MessageConnection connection, long correlationId, IRemoteResponder responder)
    {
        var pump = new WireStreamPump<TItem>(connection, correlationId, responder, this, CancellationToken);
        Items = pump.Writer;
        return pump;
    }

    /// <inheritdoc />
    protected sealed override async ValueTask InvokeVoidAsync(object target)
    {
        var items = Items ?? throw new InvalidOperationException($"{this} was invoked without a stream to write to.");
        var cancellationToken = CancellationToken;

        // No ConfigureAwait(false): the iterator's code and these awaits are turns of the activation.
        await foreach (var item in InvokeStream(target).WithCancellation(cancellationToken))
        {
            await items.WriteAsync(item, cancellationToken);
        }
    }

    private async ValueTask WaitAndWriteAsync(ChannelWriter<TItem> items, TItem item, TimeSpan stallLimit, TimeProvider timeProvider)
    {
        using var stall = new CancellationTokenSource(stallLimit, timeProvider);
        try
        {
            while (await items.WaitToWriteAsync(stall.Token).ConfigureAwait(false))
            {
                if (items.TryWrite(item))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stall.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"The caller of {this} read no item for {stallLimit.TotalSeconds:0.#} s while its buffer of {GrainAsyncEnumerable<TItem>.BufferSize} items was full. " +
                "The stream was ended so that other calls on the same connection can proceed; read a stream steadily, or copy its items to a buffer of your own.");
        }
        catch (Exception)
        {
            // The caller's buffer was completed with an error or a cancellation: its side has ended (timed out,
            // cancelled, failed), and the item has nobody to go to.
        }
    }
}
