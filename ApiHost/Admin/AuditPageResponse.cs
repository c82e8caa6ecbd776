using Cluster.Grains.Interfaces.Audit;

namespace Cluster.ApiHost.Admin;

/// <summary>A page of audit entries, oldest first, and the cursor of the next page (null after the last).</summary>
public sealed record AuditPageResponse(IReadOnlyList<AuditEntryResponse> Entries, string? NextCursor)
{
    /// <summary>The response for <paramref name="page"/>.</summary>
    public static AuditPageResponse From(AuditPage page) => new([.. page.Entries.Select(AuditEntryResponse.From)], page.NextCursor);
}
