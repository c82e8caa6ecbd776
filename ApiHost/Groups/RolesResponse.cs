namespace Cluster.ApiHost.Groups;

/// <summary>The role and group names a share dialog offers.</summary>
public sealed record RolesResponse(IReadOnlyList<string> Roles, IReadOnlyList<GroupRef> Groups);
