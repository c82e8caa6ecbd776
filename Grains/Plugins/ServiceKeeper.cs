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
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested && !await TryRegisterConfiguredAsync(stoppingToken))
        {
            await Task.Delay(RetryDelay, timeProvider, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        using var timer = new PeriodicTimer(options.Value.HealthCheckInterval, timeProvider);
        do
        {
            await EnsurePollingAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<bool> TryRegisterConfiguredAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(options.Value.Services.Select(async pair =>
            {
                ServiceUrls.TryNormalize(pair.Value, out var baseUrl);
                await grains.GetGrain<IServiceGrain>(pair.Key).RegisterAsync(baseUrl!, ServiceSource.Configuration, cancellationToken);
            }));
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogRegistrationFailed(logger, exception, RetryDelay.TotalSeconds);
            return false;
        }
    }

    private async Task EnsurePollingAsync(CancellationToken cancellationToken)
    {
        try
        {
            var services = await grains.GetGrain<IServiceRegistryGrain>(IServiceRegistryGrain.Key).ListAsync(cancellationToken);
            await Task.WhenAll(services.Select(service => grains.GetGrain<IServiceGrain>(service.Id).EnsurePollingAsync(cancellationToken)));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogEnsureFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registering the configured feature services failed; trying again in {Seconds} s")]
    private static partial void LogRegistrationFailed(ILogger logger, Exception exception, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activating the feature services' grains failed; the next round tries again")]
    private static partial void LogEnsureFailed(ILogger logger, Exception exception);
}
