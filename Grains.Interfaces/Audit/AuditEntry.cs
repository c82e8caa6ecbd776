namespace Cluster.Grains.Interfaces.Audit;

/// <summary>One audited event: who did what to what, with which outcome, from where, when.</summary>
/// <param name="Id">Unique, chosen by the recorder, so an entry sent twice is stored once.</param>
/// <param name="Time">When it happened (UTC).</param>
/// <param name="ActorId">The user who acted; null when nobody was signed in (a failed sign-in).</param>
/// <param name="Action">What was done, such as <c>POST /api/admin/groups/{id}/members/{userId}</c>.</param>
/// <param name="Target">What it was done to (the route's ids, such as <c>id=…, userId=…</c>); null when nothing in particular.</param>
/// <param name="Outcome">The HTTP status answered.</param>
/// <param name="ClientAddress">The client's address.</param>
/// <param name="CorrelationId">The request's correlation id, to find it in the logs.</param>
public sealed record AuditEntry(string Id, DateTimeOffset Time, string? ActorId, string Action, string? Target, int Outcome, string? ClientAddress, string CorrelationId);
