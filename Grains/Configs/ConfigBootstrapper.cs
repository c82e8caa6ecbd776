using Cluster.Grains.Interfaces.Configs;
using Cluster.Runtime.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Configs;

/// <summary>
/// Runs on every silo at start: saves each configuration of <see cref="ConfigOptions.Bootstrap"/> from its files when it
/// has no version yet. The configuration grain decides, one call at a time, so silos starting together bootstrap once.
/// </summary>
public sealed partial class ConfigBootstrapper(IGrainFactory grains, IOptions<ConfigOptions> options, ILogger<ConfigBootstrapper> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pending = options.Value.Bootstrap.Where(entry => !string.IsNullOrWhiteSpace(entry.Value.DocumentFile)).ToList();
        while (pending.Count > 0)
        {
            foreach (var (name, bootstrap) in pending.ToList())
            {
                if (await TryBootstrapAsync(name, bootstrap, stoppingToken))
                {
                    pending.RemoveAll(entry => entry.Key == name);
                }
            }

            if (pending.Count > 0)
            {
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }
    }

    private async Task<bool> TryBootstrapAsync(string name, ConfigBootstrapOptions bootstrap, CancellationToken stoppingToken)
    {
        try
        {
            var document = await File.ReadAllTextAsync(ConfigBootstrapOptions.Resolve(bootstrap.DocumentFile), stoppingToken);
            var schema = string.IsNullOrWhiteSpace(bootstrap.SchemaFile) ? null : await File.ReadAllTextAsync(ConfigBootstrapOptions.Resolve(bootstrap.SchemaFile), stoppingToken);
            if (await grains.GetGrain<IConfigGrain>(name).BootstrapAsync(document, new ConfigSettingsInfo(schema, bootstrap.Variables), stoppingToken))
            {
                LogBootstrapped(logger, name, bootstrap.DocumentFile);
            }

            return true;
        }
        catch (ArgumentException exception)
        {
            // Wrong files do not get better by retrying: say what to fix, once.
            LogBootstrapRefused(logger, name, exception.Message);
            return true;
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            LogBootstrapFailed(logger, exception, name);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Configuration {Name} bootstrapped as version 1.0.0 from {File}")]
    private static partial void LogBootstrapped(ILogger logger, string name, string file);

    [LoggerMessage(Level = LogLevel.Error, Message = "Configuration {Name} was not bootstrapped: {Problem}")]
    private static partial void LogBootstrapRefused(ILogger logger, string name, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bootstrapping configuration {Name} failed; retrying")]
    private static partial void LogBootstrapFailed(ILogger logger, Exception exception, string name);
}
