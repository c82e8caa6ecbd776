using Cluster.Grains.Interfaces.Widgets;
using Cluster.Runtime.Core;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Widgets;

/// <summary>With <see cref="WidgetOptions.PrewarmOnStart"/>, fills this host's cache with every registered bundle once it starts.</summary>
public sealed partial class WidgetPrewarmer(IClusterClient cluster, WidgetCache cache, IOptions<WidgetOptions> options, ILogger<WidgetPrewarmer> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.PrewarmOnStart)
        {
            return;
        }

        IReadOnlyList<WidgetBundleInfo>? bundles = null;
        while (bundles is null)
        {
            try
            {
                bundles = await cluster.GetGrain<IWidgetRegistryGrain>(IWidgetRegistryGrain.Key).ListAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The cluster may not be reachable yet when the host starts.
                LogListFailed(logger, exception);
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }

        foreach (var bundle in bundles)
        {
            try
            {
                await cache.EnsureAsync(bundle, stoppingToken);
            }
            catch (WidgetException exception)
            {
                LogPrewarmFailed(logger, bundle.Package, bundle.Version, exception.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listing the widget bundles to pre-warm failed; retrying")]
    private static partial void LogListFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pre-warming widget bundle {Package}@{Version} failed: {Problem}")]
    private static partial void LogPrewarmFailed(ILogger logger, string package, string version, string problem);
}
