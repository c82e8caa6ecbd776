namespace Cluster.Grains.Interfaces.Audit;

/// <summary>One page of audit entries, oldest first.</summary>
/// <param name="Entries">The entries.</param>
/// <param name="NextCursor">Where the next page starts, opaque; null after the last.</param>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, string? NextCursor);
