using Cluster.Grains.Interfaces.Configs;

namespace Cluster.ApiHost.Configs;

/// <summary>
/// <c>GET /api/config/{name}/versions</c>: every kept version, newest first; which is active, which is the last known good
/// one; whether consumers run in recovery mode and why; the last outcome a consumer reported.
/// </summary>
public sealed record ConfigVersionsResponse(
    string Name,
    string? Active,
    string? LastKnownGood,
    bool RecoveryMode,
    string? RecoveryReason,
    ConfigActivationReport? LastReport,
    bool HasSchema,
    IReadOnlyList<ConfigVersionResponse> Versions)
{
    public static ConfigVersionsResponse From(ConfigStatusInfo status) =>
        new(status.Name, status.Active, status.LastKnownGood, status.RecoveryMode, status.RecoveryReason, status.LastReport, status.HasSchema,
            [.. status.Versions.Select(info => ConfigVersionResponse.From(info, status))]);
}
