using Cluster.Grains.Interfaces.Audit;

namespace Cluster.ApiHost.Admin;

/// <summary>An audit entry as administrators read it.</summary>
public sealed record AuditEntryResponse(
    string Id, DateTimeOffset Time, string? ActorId, string Action, string? Target, int Outcome, string? ClientAddress, string CorrelationId)
{
    /// <summary>The response for <paramref name="entry"/>.</summary>
    public static AuditEntryResponse From(AuditEntry entry) =>
        new(entry.Id, entry.Time, entry.ActorId, entry.Action, entry.Target, entry.Outcome, entry.ClientAddress, entry.CorrelationId);
}
