namespace Cluster.ApiHost.Audit;

/// <summary>Set by a route that signs someone in, so its audit entry names them although the request came unauthenticated.</summary>
/// <param name="UserId">The user signed in.</param>
public sealed record AuditActor(string UserId);
