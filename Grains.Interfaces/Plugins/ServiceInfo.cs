namespace Cluster.Grains.Interfaces.Plugins;

/// <summary>A registered feature service: where it is, how it is, and what its manifest says.</summary>
/// <param name="Id">The service id (a slug, <see cref="ServiceIds"/>), also the plugin id.</param>
/// <param name="BaseUrl">The absolute http(s) URL its <c>/health</c>, <c>/plugin/*</c> and proxied API paths are under.</param>
/// <param name="Source">Whether configuration or an administrator registered it.</param>
/// <param name="RegisteredAt">When it was first registered.</param>
/// <param name="Health">The last health check.</param>
/// <param name="Manifest">The last valid manifest; null when the service never served one.</param>
/// <param name="ManifestRevision">Grows by one whenever the manifest's content changes; 0 before the first.</param>
/// <param name="ManifestChangedAt">When the manifest last changed; null before the first.</param>
/// <param name="ManifestError">
/// Why the last manifest fetched was refused (invalid JSON, schema, id mismatch, too large); null when it was accepted or
/// the service serves none. The previous valid manifest, if any, stays in use.
/// </param>
public sealed record ServiceInfo(
    string Id,
    Uri BaseUrl,
    ServiceSource Source,
    DateTimeOffset RegisteredAt,
    ServiceHealthInfo Health,
    PluginManifestInfo? Manifest,
    int ManifestRevision,
    DateTimeOffset? ManifestChangedAt,
    string? ManifestError);
