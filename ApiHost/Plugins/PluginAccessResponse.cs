namespace Cluster.ApiHost.Plugins;

/// <summary>A manifest's access rules.</summary>
/// <param name="AllowSuperuser">Whether administrators may use the plugin.</param>
/// <param name="RequiredGroups">Groups whose members may use it.</param>
public sealed record PluginAccessResponse(bool AllowSuperuser, IReadOnlyList<string> RequiredGroups);
