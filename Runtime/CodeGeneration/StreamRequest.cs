using System.ComponentModel;
using Cluster.Runtime.Messaging;

namespace Cluster.Runtime.CodeGeneration;

/// <summary>
/// The opening call of a method that returns <c>IAsyncEnumerable&lt;TItem&gt;</c>: it runs the method on the
/// target, keeps the enumerator there and answers with the first batch; later batches are separate requests.
/// </summary>
/// <typeparam name="TItem">The item type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class StreamRequest<TItem> : Request<StreamBatch<TItem>>
{
    /// <summary>Calls the grain method on <paramref name="target"/>; generated.</summary>
    protected abstract IAsyncEnumerable<TItem> InvokeStream(object target);

    /// <inheritdoc />
    protected sealed override ValueTask<StreamBatch<TItem>> InvokeMethodAsync(object target)
    {
        var streams = Sink?.Streams
            ?? throw new InvalidOperationException($"{this} returns a stream, which only grains can serve.");
        var session = new StreamSession<TItem>(InvokeStream(target), streams.TimeProvider);
        streams.Add(session);
        return session.NextBatchAsync();
    }
}
