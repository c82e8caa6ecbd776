using Cluster.Grains.Interfaces.Widgets;
using Cluster.Runtime.Core;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Widgets;

/// <summary>
/// Registers a bundle: checks the name against <see cref="WidgetOptions.AllowedScopes"/>, reads the version's tarball
/// and integrity from the registry, downloads and verifies the tarball, extracts it safely into this host's cache, and
/// only then records it in the cluster's widget registry.
/// </summary>
public sealed class WidgetRegistrar(
    WidgetDownloader downloader, WidgetCache cache, IClusterClient cluster, IOptions<WidgetOptions> options, TimeProvider timeProvider)
{
    /// <summary>The bundle as recorded.</summary>
    /// <exception cref="WidgetException">Anything refused on the way; nothing is recorded then.</exception>
    public async Task<WidgetBundleInfo> RegisterAsync(string? package, string? version, string? pinnedIntegrity, string actorId, CancellationToken cancellationToken)
    {
        if (!WidgetPackage.IsScopedName(package))
        {
            throw new WidgetException(WidgetFailure.Invalid, "'package' must be a scoped npm package name such as @acme/clock.");
        }

        if (!options.Value.AllowedScopes.Contains(WidgetPackage.ScopeOf(package!), StringComparer.Ordinal))
        {
            throw new WidgetException(WidgetFailure.Invalid, $"The scope {WidgetPackage.ScopeOf(package!)} is not allowed; an operator adds trusted scopes to Widgets:AllowedScopes.");
        }

        if (!WidgetPackage.IsVersion(version))
        {
            throw new WidgetException(WidgetFailure.Invalid, "'version' must be an exact version such as 1.4.2 (no ranges or tags).");
        }

        if (pinnedIntegrity is not null && !SriIntegrity.HasSha512(pinnedIntegrity))
        {
            throw new WidgetException(WidgetFailure.Invalid, "'integrity' must be an SRI sha512 string such as sha512-…; leave it out to take the registry's.");
        }

        var (tarball, integrity) = await downloader.ResolveAsync(package!, version!, cancellationToken);
        if (pinnedIntegrity is not null && !string.Equals(pinnedIntegrity.Trim(), integrity.Trim(), StringComparison.Ordinal))
        {
            throw new WidgetException(WidgetFailure.Integrity, $"The registry gives {package}@{version} the integrity {integrity}, not the one given; the bundle was not registered.");
        }

        var bytes = await downloader.DownloadAsync(tarball, integrity, cancellationToken);
        var key = WidgetBundleInfo.KeyOf(package!, version!);
        var (files, extracted) = await cache.StoreAsync(key, integrity, bytes, cancellationToken);
        var bundle = new WidgetBundleInfo(package!, version!, tarball, integrity, files, extracted, actorId, timeProvider.GetUtcNow());
        await cluster.GetGrain<IWidgetRegistryGrain>(IWidgetRegistryGrain.Key).RegisterAsync(bundle, cancellationToken);
        return bundle;
    }
}
