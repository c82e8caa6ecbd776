using System.ComponentModel;

namespace Cluster.Runtime.CodeGeneration;

/// <summary>Items of a streamed call delivered in one response, and whether the stream ended.</summary>
/// <typeparam name="TItem">The item type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record StreamBatch<TItem>(Guid StreamId, IReadOnlyList<TItem> Items, bool Completed);
