using System.Text.Json;
using Cluster.ApiHost.Plugins;
using Cluster.Grains.Interfaces.Workspaces;

namespace Cluster.ApiHost.Preferences;

/// <summary>A workspace shared with the caller, as its owner has it now.</summary>
public sealed record SharedWorkspaceResponse(string OwnerId, string WorkspaceId, JsonElement Workspace, long OwnerVersion)
{
    public static SharedWorkspaceResponse From(SharedWorkspaceInfo shared) =>
        new(shared.OwnerId, shared.WorkspaceId, PluginJson.Parse(shared.SnapshotJson)!.Value, shared.OwnerVersion);
}
