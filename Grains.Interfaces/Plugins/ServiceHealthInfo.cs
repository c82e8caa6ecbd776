namespace Cluster.Grains.Interfaces.Plugins;

/// <summary>A feature service's health as of its last check.</summary>
/// <param name="Status">What the last check found.</param>
/// <param name="LatencyMs">How long <c>GET /health</c> took, in milliseconds; null before the first check or on a timeout.</param>
/// <param name="CheckedAt">When the last check ended; null before the first.</param>
/// <param name="ChangedAt">When <paramref name="Status"/> last took its current value; null before the first check.</param>
/// <param name="Error">Why the service is unhealthy (status code, timeout, connection error); null when healthy.</param>
public sealed record ServiceHealthInfo(
    ServiceHealthStatus Status,
    double? LatencyMs,
    DateTimeOffset? CheckedAt,
    DateTimeOffset? ChangedAt,
    string? Error)
{
    /// <summary>The health of a service not checked yet.</summary>
    public static ServiceHealthInfo Unknown { get; } = new(ServiceHealthStatus.Unknown, null, null, null, null);
}
