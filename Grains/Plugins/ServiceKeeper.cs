using Cluster.Grains.Interfaces.Plugins;
using Cluster.Runtime.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Plugins;

/// <summary>
/// Runs on every silo: at start registers the services of <see cref="PluginOptions.Services"/>, then every
/// <see cref="PluginOptions.HealthCheckInterval"/> activates each registered service's grain, whose timer does the
/// polling. This is the part durable reminders would play: after the silo hosting a service grain dies, the next
/// round on any silo brings the grain (and its polling) back within one interval.
/// </summary>
public sealed partial class ServiceKeeper(
    IGrainFactory grains,
    IOptions<PluginOptions> options,
    TimeProvider timeProvider,
    ILogger<ServiceKeeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Each configured service is tried on its own, so one that cannot be registered now holds up neither the others
        // nor the polling of those already registered.
        var pending = new Dictionary<string, string>(options.Value.Services, StringComparer.Ordinal);
        using var timer = new PeriodicTimer(options.Value.HealthCheckInterval, timeProvider);
        do
        {
            foreach (var (id, url) in pending.ToList())
            {
                if (await TryRegisterAsync(id, url, stoppingToken))
                {
                    pending.Remove(id);
                }
            }

            await EnsurePollingAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<bool> TryRegisterAsync(string id, string url, CancellationToken stoppingToken)
    {
        try
        {
            ServiceUrls.TryNormalize(url, out var baseUrl);
            await grains.GetGrain<IServiceGrain>(id).RegisterAsync(baseUrl!, ServiceSource.Configuration, stoppingToken);
            return true;
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            LogRegistrationFailed(logger, exception, id);
            return false;
        }
    }

    private async Task EnsurePollingAsync(CancellationToken stoppingToken)
    {
        try
        {
            var services = await grains.GetGrain<IServiceRegistryGrain>(IServiceRegistryGrain.Key).ListAsync(stoppingToken);
            await Task.WhenAll(services.Select(service => grains.GetGrain<IServiceGrain>(service.Id).EnsurePollingAsync(stoppingToken)));
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            LogEnsureFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registering the configured feature service {ServiceId} failed; the next round tries again")]
    private static partial void LogRegistrationFailed(ILogger logger, Exception exception, string serviceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activating the feature services' grains failed; the next round tries again")]
    private static partial void LogEnsureFailed(ILogger logger, Exception exception);
}
