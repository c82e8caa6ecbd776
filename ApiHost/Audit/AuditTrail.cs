using System.Threading.Channels;
using Cluster.Grains.Interfaces.Audit;
using Cluster.Runtime.Core;

namespace Cluster.ApiHost.Audit;

/// <summary>
/// Collects audit entries and writes them to the cluster (<see cref="IAuditLogGrain"/>) in batches, in the
/// background: recording never waits on storage. A failed batch is retried until it is stored; on a graceful stop
/// what is queued is written before the host ends (within its shutdown timeout).
/// </summary>
public sealed partial class AuditTrail(IClusterClient cluster, ILogger<AuditTrail> logger) : BackgroundService
{
    private const int QueueCapacity = 100_000;
    private const int MaxBatch = 200;
    private static readonly TimeSpan MaxBatchDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private readonly Channel<AuditEntry> _queue = Channel.CreateBounded<AuditEntry>(new BoundedChannelOptions(QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    /// <summary>Queues <paramref name="entry"/>; only if storage has been unreachable so long that the queue is full is it dropped, and logged.</summary>
    public void Record(AuditEntry entry)
    {
        if (!_queue.Writer.TryWrite(entry))
        {
            LogDropped(logger, entry.Action, entry.CorrelationId);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await (ExecuteTask ?? Task.CompletedTask).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _queue.Reader;
        var batch = new List<AuditEntry>(MaxBatch);

        // Not stoppingToken: stopping completes the queue, and what is queued should still be written.
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            var deadline = Task.Delay(MaxBatchDelay, CancellationToken.None);
            while (batch.Count < MaxBatch)
            {
                if (reader.TryRead(out var entry))
                {
                    batch.Add(entry);
                    continue;
                }

                var next = reader.WaitToReadAsync(CancellationToken.None).AsTask();
                if (await Task.WhenAny(next, deadline) == deadline || !await next)
                {
                    break;
                }
            }

            await WriteAsync(batch, stoppingToken);
            batch.Clear();
        }
    }

    private async Task WriteAsync(List<AuditEntry> batch, CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await cluster.GetGrain<IAuditLogGrain>(IAuditLogGrain.Key).AppendAsync([.. batch], CancellationToken.None);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogWriteFailed(logger, exception, batch.Count, attempt);
                await Task.Delay(delay, CancellationToken.None);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit entry dropped, the queue is full: {Action} ({CorrelationId})")]
    private static partial void LogDropped(ILogger logger, string action, string correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} audit entries failed (attempt {Attempt}); retrying")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count, int attempt);
}
