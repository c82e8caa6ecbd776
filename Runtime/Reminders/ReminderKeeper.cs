using Cluster.Runtime.Core;
using Cluster.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Reminders;

/// <summary>
/// Keeps every partition that holds reminders served: once the silo is active and then every refresh period, it
/// reads which partitions are occupied and calls each, which activates the ones whose silo left. Every silo does
/// this, so the reminders of a failed silo resume within a refresh period of the failure being detected.
/// </summary>
internal sealed partial class ReminderKeeper(ReminderStore store, IGrainFactory grainFactory, TimeProvider time, ILogger<ReminderKeeper> logger)
    : ISiloLifecycleParticipant
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public int Stage => SiloLifecycleStage.Active;

    public Task OnStartAsync(CancellationToken cancellationToken)
    {
        if (store.IsAvailable)
        {
            _loop = RunAsync(_stopping.Token);
        }

        return Task.CompletedTask;
    }

    public async Task OnStopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>One pass: every occupied partition is called once.</summary>
    public async Task KeepServedAsync(CancellationToken cancellationToken)
    {
        var partitions = await store.ListOccupiedPartitionsAsync(cancellationToken);
        await Task.WhenAll(partitions.Select(partition => grainFactory.GetGrain<IReminderPartitionGrain>(partition).EnsureServedAsync(cancellationToken)));
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(store.Options.RefreshPeriod, time);
        do
        {
            try
            {
                await KeepServedAsync(cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Storage or a partition's silo out of reach: the next pass tries again.
                LogPassFailed(logger, exception);
            }
        }
        while (await WaitAsync(timer, cancellationToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder partitions could not be checked; trying again at the next refresh.")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
