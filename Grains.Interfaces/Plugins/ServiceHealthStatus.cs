namespace Cluster.Grains.Interfaces.Plugins;

/// <summary>What the last health check of a feature service found.</summary>
public enum ServiceHealthStatus
{
    /// <summary>Not checked yet.</summary>
    Unknown,

    /// <summary><c>GET /health</c> answered 2xx within the timeout.</summary>
    Healthy,

    /// <summary><c>GET /health</c> failed, answered another status, or timed out.</summary>
    Unhealthy,
}
