using System.Threading.Channels;
using Cluster.Grains.Interfaces.Channels;
using Cluster.Grains.Interfaces.Configs;
using Cluster.Runtime.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Channels;

/// <summary>
/// Runs on every silo as a consumer of the <c>endpoints</c> configuration: on each activation pushed to it, checks the
/// version's producers against this silo's <see cref="ProducerOptions"/>, reports the outcome (a failure rolls the
/// configuration back), and has the producer grains run what it declares. Every <see cref="ProducerOptions.ReconcileInterval"/>
/// it renews its subscription and re-applies the active version, which revives producers whose silo died and makes good
/// a lost push.
/// </summary>
public sealed partial class ProducerKeeper(
    IGrainFactory grains,
    IOptions<ProducerOptions> options,
    TimeProvider timeProvider,
    ILogger<ProducerKeeper> logger) : BackgroundService, IConfigObserver
{
    private readonly Channel<ConfigActivation> _pushed = Channel.CreateUnbounded<ConfigActivation>(new UnboundedChannelOptions { SingleReader = true });
    private string? _reported;
    private readonly string _reporter = $"silo {Environment.MachineName}/{Environment.ProcessId}";
    private Dictionary<string, ProducerSpec> _running = new(StringComparer.Ordinal);

    public void OnActivated(ConfigActivation activation)
    {
        if (activation.Name == ConfigNames.Endpoints)
        {
            _pushed.Writer.TryWrite(activation);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var config = grains.GetGrain<IConfigGrain>(ConfigNames.Endpoints);
        var reference = grains.CreateObjectReference<IConfigObserver>(this);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await ReconcileAsync(config, reference, stoppingToken);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                wait.CancelAfter(options.Value.ReconcileInterval);
                try
                {
                    while (await _pushed.Reader.WaitToReadAsync(wait.Token))
                    {
                        while (_pushed.Reader.TryRead(out var activation))
                        {
                            // Each push is an activation to report, even of the version reported last (a restore, a rollback).
                            _reported = null;
                            await ApplyAsync(config, activation.Version, activation.ResolvedJson, stoppingToken);
                        }
                    }
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            grains.DeleteObjectReference<IConfigObserver>(this);
        }
    }

    private async Task ReconcileAsync(IConfigGrain config, IConfigObserver reference, CancellationToken stoppingToken)
    {
        try
        {
            await config.SubscribeAsync(reference, stoppingToken);
            if (await config.GetAsync(null, stoppingToken) is { } active)
            {
                await ApplyAsync(config, active.Info.Version, active.ResolvedJson, stoppingToken);
            }
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            LogReconcileFailed(logger, exception);
        }
    }

    private async Task ApplyAsync(IConfigGrain config, string version, string resolvedJson, CancellationToken stoppingToken)
    {
        var (producers, error) = ProducerPlan.Read(resolvedJson, version, options.Value);
        if (error is not null)
        {
            LogVersionRefused(logger, version, error);
            await ReportAsync(config, version, error, stoppingToken);
            return;
        }

        var next = producers.ToDictionary(spec => spec.Channel, StringComparer.Ordinal);
        var stopped = _running.Keys.Where(channel => !next.ContainsKey(channel)).ToList();
        try
        {
            await Task.WhenAll(
                next.Values.Select(spec => grains.GetGrain<IChannelProducerGrain>(spec.Channel).ConfigureAsync(spec, stoppingToken))
                    .Concat(stopped.Select(channel => grains.GetGrain<IChannelProducerGrain>(channel).ConfigureAsync(null, stoppingToken))));
            _running = next;
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            // Not reported: a producer grain out of reach says nothing of the version, and the next round tries again.
            LogConfigureFailed(logger, exception, version);
            return;
        }

        await ReportAsync(config, version, null, stoppingToken);
    }

    // One report per activation from each silo: the re-reads of every round would otherwise repeat it.
    private async Task ReportAsync(IConfigGrain config, string version, string? error, CancellationToken stoppingToken)
    {
        if (_reported == version)
        {
            return;
        }

        try
        {
            await config.ReportActivationAsync(new ConfigActivationReport(version, error is null, error, _reporter, timeProvider.GetUtcNow()), stoppingToken);
            _reported = version;
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            LogReportFailed(logger, exception, version);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the endpoints configuration failed; the next round tries again")]
    private static partial void LogReconcileFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reporting the activation of endpoints version {Version} failed; the next round tries again")]
    private static partial void LogReportFailed(ILogger logger, Exception exception, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Endpoints version {Version} cannot run on this silo: {Error}")]
    private static partial void LogVersionRefused(ILogger logger, string version, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Starting the producers of endpoints version {Version} failed; the next round tries again")]
    private static partial void LogConfigureFailed(ILogger logger, Exception exception, string version);
}
