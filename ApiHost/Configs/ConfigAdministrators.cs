using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Configs;
using Cluster.Grains.Interfaces.Groups;
using Cluster.Grains.Interfaces.Identity;

namespace Cluster.ApiHost.Configs;

/// <summary>Who administers a configuration (its routes and its <c>config.{name}</c> channel): the admin role and the group <see cref="ConfigNames.AdminGroup"/>.</summary>
public static class ConfigAdministrators
{
    /// <summary>Whether the caller administers configuration <paramref name="name"/>.</summary>
    public static bool Include(string name, AuthenticatedCaller caller, IReadOnlySet<string> groupNames)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(groupNames);
        return caller.User.Role == UserRole.Admin || groupNames.Contains(GroupName.Normalize(ConfigNames.AdminGroup(name)));
    }

    /// <summary>What to tell a caller who does not administer configuration <paramref name="name"/>.</summary>
    public static string Describe(string name) =>
        $"Configuration '{name}' is administered by the admin role and the members of the group '{ConfigNames.AdminGroup(name)}'.";
}
