namespace Cluster.ApiHost.Audit;

/// <summary>
/// What a request changed beyond its route's ids (such as the names of the settings it set, never their values), set
/// as a request feature by the handler and recorded in the audit entry's target.
/// </summary>
/// <param name="Text">A short description; the entry's target is cut at its maximum length.</param>
public sealed record AuditDetail(string Text);
