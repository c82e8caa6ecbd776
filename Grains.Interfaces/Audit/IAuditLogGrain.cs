using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Audit;

/// <summary>
/// The audit trail in cluster storage: each entry stored once, searchable by actor, action and time over indexes.
/// Any key; a stateless worker on every silo, so API hosts write their batches wherever they are connected.
/// </summary>
public interface IAuditLogGrain : IGrainWithStringKey
{
    /// <summary>The key callers use; any key reaches the same trail.</summary>
    const string Key = "all";

    /// <summary>The largest page.</summary>
    const int MaxPageSize = 200;

    /// <summary>Stores the entries; each is written once even if a batch is sent again after a failure half-way.</summary>
    Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>The entries matching <paramref name="query"/>, oldest first.</summary>
    /// <exception cref="ArgumentException">The cursor is not one a search handed out, or the page size is out of range.</exception>
    /// <exception cref="NotSupportedException">The silo's storage cannot be searched (the memory provider of unit tests).</exception>
    [ReadOnly]
    Task<AuditPage> SearchAsync(AuditQuery query, CancellationToken cancellationToken = default);
}
