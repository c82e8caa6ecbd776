namespace Cluster.ApiHost.Preferences;

/// <summary>The body of <c>POST /api/preferences/workspaces/{id}/grants</c>.</summary>
/// <param name="Type"><c>user</c>, <c>group</c> or <c>role</c>.</param>
/// <param name="Id">The user id, the group id, or the role (<c>user</c>, <c>admin</c>).</param>
public sealed record WorkspaceGrantRequest(string? Type, string? Id);
