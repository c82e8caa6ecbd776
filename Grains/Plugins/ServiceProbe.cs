namespace Cluster.Grains.Plugins;

/// <summary>What one <c>GET /health</c> of a feature service found.</summary>
/// <param name="Healthy">Whether it answered 2xx in time.</param>
/// <param name="LatencyMs">How long it took; null on a timeout.</param>
/// <param name="Error">Why it is unhealthy; null when healthy.</param>
public sealed record ServiceProbe(bool Healthy, double? LatencyMs, string? Error);
