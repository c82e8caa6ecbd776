namespace Cluster.Grains.Interfaces.Workspaces;

/// <summary>Who asks for a shared workspace: grants to any of these let them see it.</summary>
/// <param name="UserId">Their user id.</param>
/// <param name="GroupIds">Their groups.</param>
/// <param name="Role">Their role name.</param>
public sealed record WorkspaceViewer(string UserId, IReadOnlyList<string> GroupIds, string Role)
{
    /// <summary>Every grantee whose grants this viewer sees.</summary>
    public IEnumerable<WorkspaceGrantee> Grantees =>
        [new(WorkspaceGrantee.User, UserId), .. GroupIds.Select(id => new WorkspaceGrantee(WorkspaceGrantee.Group, id)), new(WorkspaceGrantee.Role, Role)];
}
