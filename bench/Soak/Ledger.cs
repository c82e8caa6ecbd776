using System.Collections.Concurrent;

namespace Cluster.Benchmarks.Soak;

/// <summary>
/// Every write the cluster acknowledged, kept to check afterwards that none is missing. A write that failed may still
/// have happened (the answer was lost, not the write), so those are counted as ambiguous and allowed either way.
/// </summary>
internal sealed class Ledger
{
    /// <summary>Acknowledged and failed increments per counter key.</summary>
    public ConcurrentDictionary<string, (long Acknowledged, long Ambiguous)> Counters { get; } = new(StringComparer.Ordinal);

    /// <summary>Versions acknowledged per config name.</summary>
    public ConcurrentDictionary<string, ConcurrentBag<string>> ConfigVersions { get; } = new(StringComparer.Ordinal);

    /// <summary>Chats whose stream finished: the assistant message each must have stored, with its owner's worker.</summary>
    public ConcurrentBag<(int Worker, string ChatId, string MessageId)> Chats { get; } = [];

    /// <summary>Per group: whether the worker's user must be a member; null after a change that failed (either is fine).</summary>
    public ConcurrentDictionary<string, (string UserId, bool? Member)> Groups { get; } = new(StringComparer.Ordinal);

    public void Increment(string key, bool acknowledged) =>
        Counters.AddOrUpdate(key, acknowledged ? (1, 0) : (0, 1), (_, current) => acknowledged ? (current.Acknowledged + 1, current.Ambiguous) : (current.Acknowledged, current.Ambiguous + 1));
}
