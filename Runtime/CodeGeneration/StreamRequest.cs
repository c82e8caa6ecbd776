using System.ComponentModel;
using System.Threading.Channels;

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
}
