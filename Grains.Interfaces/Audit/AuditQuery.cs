namespace Cluster.Grains.Interfaces.Audit;

/// <summary>Which audit entries to list; every filter is optional.</summary>
/// <param name="ActorId">Only this user's actions.</param>
/// <param name="Action">Only this action (exactly as recorded).</param>
/// <param name="From">Only entries at or after this time.</param>
/// <param name="To">Only entries before this time.</param>
/// <param name="Cursor">Continue after the previous page.</param>
/// <param name="PageSize">At most this many entries, 1 to <see cref="IAuditLogGrain.MaxPageSize"/>.</param>
public sealed record AuditQuery(string? ActorId, string? Action, DateTimeOffset? From, DateTimeOffset? To, string? Cursor, int PageSize);
