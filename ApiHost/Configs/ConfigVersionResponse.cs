using Cluster.Grains.Interfaces.Configs;

namespace Cluster.ApiHost.Configs;

/// <summary>One version in <c>GET /api/config/{name}/versions</c>.</summary>
public sealed record ConfigVersionResponse(string Version, string? Parent, string Author, string? Message, DateTimeOffset CreatedAt, bool Active, bool LastKnownGood)
{
    public static ConfigVersionResponse From(ConfigVersionInfo info, ConfigStatusInfo status) =>
        new(info.Version, info.Parent, info.Author, info.Message, info.CreatedAt, info.Version == status.Active, info.Version == status.LastKnownGood);
}
