using Cluster.Grains.Interfaces.Plugins;

namespace Cluster.Grains.Plugins;

/// <summary>The persisted state of a feature service's grain; written when registration, health status or manifest change.</summary>
public sealed class ServiceState
{
    public Uri? BaseUrl { get; set; }

    public ServiceSource Source { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }

    public ServiceHealthInfo Health { get; set; } = ServiceHealthInfo.Unknown;

    public PluginManifestInfo? Manifest { get; set; }

    /// <summary>SHA-256 of the accepted manifest as stored, to tell a changed manifest from the same one fetched again.</summary>
    public string? ManifestFingerprint { get; set; }

    public int ManifestRevision { get; set; }

    public DateTimeOffset? ManifestChangedAt { get; set; }

    public string? ManifestError { get; set; }

    /// <summary>A copy to put back if a write fails; the members are immutable, so a shallow one does.</summary>
    public ServiceState Copy() => (ServiceState)MemberwiseClone();
}
