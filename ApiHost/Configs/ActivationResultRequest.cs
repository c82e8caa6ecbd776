namespace Cluster.ApiHost.Configs;

/// <summary>
/// <c>POST /api/config/{name}/activation-result</c>: a consumer's outcome of applying <paramref name="Version"/>; a failure
/// rolls the configuration back to its last known good version.
/// </summary>
public sealed record ActivationResultRequest(string? Version, bool? Success, string? Error, string? Consumer);
