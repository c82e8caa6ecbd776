using Cluster.Runtime.Activation;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Hosting;

/// <summary>
/// Starts and stops the silo with its host: every <see cref="ISiloLifecycleParticipant"/> in stage order, then in
/// reverse. Its own stage, <see cref="SiloLifecycleStage.Runtime"/>: on start, initialize every storage provider,
/// check that each storage name a grain class uses is registered, open the catalog, start idle collection; on
/// stop, close the catalog and deactivate every activation (their calls and <c>OnDeactivateAsync</c> writes finish
/// first) within the host's shutdown budget.
/// </summary>
internal sealed partial class SiloHostedService(
    GrainRuntime runtime,
    IServiceProvider services,
    IEnumerable<GrainStorageRegistration> storageRegistrations,
    IEnumerable<ISiloLifecycleParticipant> participants,
    ILogger<SiloHostedService> logger) : IHostedService, ISiloLifecycleParticipant, IDisposable
{
    private readonly Stack<ISiloLifecycleParticipant> _started = new();
    private ITimer? _collector;

    public int Stage => SiloLifecycleStage.Runtime;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var participant in participants.Append(this).OrderBy(participant => participant.Stage))
        {
            await participant.OnStartAsync(cancellationToken);
            _started.Push(participant);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        while (_started.TryPop(out var participant))
        {
            try
            {
                await participant.OnStopAsync(cancellationToken);
            }
            catch (Exception exception)
            {
                // Later stages must still stop: a silo that cannot announce its leaving still deactivates its grains.
                LogStopStepFailed(logger, exception, participant.GetType().Name);
            }
        }
    }

    public async Task OnStartAsync(CancellationToken cancellationToken)
    {
        var registered = storageRegistrations.Select(registration => registration.Name).ToHashSet(StringComparer.Ordinal);
        var missing = runtime.Registry.Classes
            .SelectMany(info => info.StorageNames.Where(name => !registered.Contains(name)).Select(name => $"{info.ClassType.Name} uses '{name}'"))
            .ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"Grain storage is missing: {string.Join("; ", missing)}. Register each name in UseSilo, e.g. silo.AddSqliteGrainStorage(\"name\") or AddPostgresGrainStorage(\"name\", ...).");
        }

        foreach (var name in registered)
        {
            if (services.GetRequiredKeyedService<IGrainStorage>(name) is IGrainStorageInitializer initializer)
            {
                await initializer.InitializeAsync(cancellationToken);
            }
        }

        runtime.Catalog.Open();
        var quantum = runtime.Options.CollectionQuantum;
        _collector = runtime.TimeProvider.CreateTimer(static state => ((SiloHostedService)state!).CollectIdle(), this, quantum, quantum);
        LogStarted(logger, runtime.Registry.Classes.Count(), registered.Count);
    }

    public async Task OnStopAsync(CancellationToken cancellationToken)
    {
        _collector?.Dispose();
        runtime.Catalog.Close();
        var count = runtime.Catalog.Count;
        var deactivation = runtime.Catalog.DeactivateAllAsync(DeactivationReason.ShuttingDown);
        try
        {
            await deactivation.WaitAsync(cancellationToken);
            LogStopped(logger, count);
        }
        catch (OperationCanceledException)
        {
            LogShutdownBudgetExceeded(logger, runtime.Catalog.Count, count);
        }
        finally
        {
            runtime.SignalStopping();
        }
    }

    public void Dispose() => _collector?.Dispose();

    private void CollectIdle()
    {
        try
        {
            var collected = runtime.Catalog.CollectIdle(runtime.TimeProvider.GetTimestamp());
            runtime.Observers.RemoveCollected();
            if (collected > 0)
            {
                LogCollected(logger, collected);
            }
        }
        catch (Exception exception)
        {
            LogCollectionFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo started with {GrainClasses} grain classes and {StorageProviders} storage providers")]
    private static partial void LogStarted(ILogger logger, int grainClasses, int storageProviders);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo stopped after deactivating {Activations} activations")]
    private static partial void LogStopped(ILogger logger, int activations);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown budget ran out with {Remaining} of {Total} activations still deactivating; raise HostOptions.ShutdownTimeout")]
    private static partial void LogShutdownBudgetExceeded(ILogger logger, int remaining, int total);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stopping {Part} failed; stopping the rest of the silo")]
    private static partial void LogStopStepFailed(ILogger logger, Exception exception, string part);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deactivating {Count} idle activations")]
    private static partial void LogCollected(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Idle collection failed")]
    private static partial void LogCollectionFailed(ILogger logger, Exception exception);
}
