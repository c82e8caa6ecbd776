using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Groups;
using Cluster.Grains.Interfaces.Identity;
using Cluster.Grains.Interfaces.Plugins;

namespace Cluster.ApiHost.Plugins;

/// <summary>
/// Who may use, see and administer a plugin: the one place these rules are decided, for the plugin list, the manifest,
/// the settings and the feature proxy.
/// </summary>
public static class PluginAccess
{
    /// <summary>
    /// Whether the caller may use the plugin (its proxied API): members of its admin group; administrators when the
    /// manifest allows superusers; members of any required group; everyone when the manifest neither allows superusers
    /// nor requires a group (or has no <c>access</c> at all).
    /// </summary>
    public static bool CanUse(PluginManifestInfo manifest, AuthenticatedCaller caller, IReadOnlySet<string> groupNames)
    {
        var rules = manifest.Access;
        if (IsMember(ServiceIds.AdminGroup(manifest.Id), groupNames) || (rules.AllowSuperuser && caller.User.Role == UserRole.Admin))
        {
            return true;
        }

        return rules.RequiredGroups.Count == 0 ? !rules.AllowSuperuser : rules.RequiredGroups.Any(group => IsMember(group, groupNames));
    }

    /// <summary>Whether the caller administers the service's settings: administrators, whatever the manifest says, and members of its admin group.</summary>
    public static bool CanAdminister(string serviceId, AuthenticatedCaller caller, IReadOnlySet<string> groupNames) =>
        caller.User.Role == UserRole.Admin || IsMember(ServiceIds.AdminGroup(serviceId), groupNames);

    /// <summary>Whether the plugin exists for the caller at all (listed, manifest and settings readable): those who use or administer it.</summary>
    public static bool CanSee(PluginManifestInfo manifest, AuthenticatedCaller caller, IReadOnlySet<string> groupNames) =>
        CanUse(manifest, caller, groupNames) || CanAdminister(manifest.Id, caller, groupNames);

    private static bool IsMember(string groupName, IReadOnlySet<string> groupNames) => groupNames.Contains(GroupName.Normalize(groupName));
}
