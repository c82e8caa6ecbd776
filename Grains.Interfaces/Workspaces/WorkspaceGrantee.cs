using System.Text.RegularExpressions;

namespace Cluster.Grains.Interfaces.Workspaces;

/// <summary>Whom a workspace is shared with: a user, a group, or everyone with a role.</summary>
/// <param name="Kind"><see cref="User"/>, <see cref="Group"/> or <see cref="Role"/>.</param>
/// <param name="Id">The user id, the group id, or the role name (<c>user</c>, <c>admin</c>).</param>
public sealed partial record WorkspaceGrantee(string Kind, string Id)
{
    /// <summary>A grant to one user.</summary>
    public const string User = "user";

    /// <summary>A grant to the members of a group.</summary>
    public const string Group = "group";

    /// <summary>A grant to everyone with a role.</summary>
    public const string Role = "role";

    /// <summary>The most grants one workspace may have.</summary>
    public const int MaxPerWorkspace = 100;

    /// <summary>The key of the index grain that lists what is shared with this grantee.</summary>
    public string IndexKey => $"{Kind}:{Id}";

    /// <summary>Whether <paramref name="workspaceId"/> is a valid workspace id (1 to 64 letters, digits, '-' and '_').</summary>
    public static bool IsWorkspaceId(string? workspaceId) => workspaceId is not null && WorkspaceIdPattern().IsMatch(workspaceId);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex WorkspaceIdPattern();
}
