namespace Cluster.Grains.Interfaces.Plugins;

/// <summary>Who may use a plugin, from its manifest's <c>access</c> object.</summary>
/// <param name="AllowSuperuser">Whether administrators (role <c>admin</c>) may use it.</param>
/// <param name="RequiredGroups">
/// Names of groups whose members may use it (any one suffices); empty with <paramref name="AllowSuperuser"/> false
/// means every signed-in user may.
/// </param>
public sealed record PluginAccessRules(bool AllowSuperuser, IReadOnlyList<string> RequiredGroups)
{
    /// <summary>The rules of a manifest without an <c>access</c> object: every signed-in user.</summary>
    public static PluginAccessRules Everyone { get; } = new(AllowSuperuser: false, []);
}
