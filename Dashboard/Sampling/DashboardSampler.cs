using System.Threading.Channels;
using Cluster.Dashboard.Hosting;
using Cluster.Grains.Interfaces.Operations;
using Cluster.Runtime.Core;
using Cluster.Runtime.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Dashboard.Sampling;

/// <summary>
/// Samples the cluster while someone watches, and only then: the first watcher starts the loop, the last one to
/// leave stops it, so an unwatched dashboard asks no silo for anything. Keeps the last samples for the charts of
/// whoever opens the page next.
/// </summary>
public sealed partial class DashboardSampler(
    IClusterClient client, IOptions<DashboardOptions> options, TimeProvider timeProvider, ILogger<DashboardSampler> logger) : IAsyncDisposable
{
    /// <summary>The membership statuses of silos that answer calls.</summary>
    internal static readonly string[] LiveStatuses = ["Joining", "Active", "ShuttingDown"];

    private readonly DashboardOptions _options = options.Value;
    private readonly Lock _lock = new();
    private readonly List<Channel<ClusterSample>> _watchers = [];
    private readonly LinkedList<ClusterSample> _history = new();
    private readonly CancellationTokenSource _disposed = new();
    private Dictionary<string, SiloReport> _previous = new(StringComparer.Ordinal);
    private Task _loop = Task.CompletedTask;
    private bool _running;

    /// <summary>Whether the sampling loop runs (someone watches).</summary>
    public bool IsSampling
    {
        get
        {
            lock (_lock)
            {
                return _watchers.Count > 0;
            }
        }
    }

    /// <summary>The samples kept, oldest first.</summary>
    public IReadOnlyList<ClusterSample> History
    {
        get
        {
            lock (_lock)
            {
                return [.. _history];
            }
        }
    }

    /// <summary>The samples taken from now until <paramref name="cancellationToken"/> ends the watch; a slow reader misses the oldest.</summary>
    public async IAsyncEnumerable<ClusterSample> WatchAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<ClusterSample>(new BoundedChannelOptions(4) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_lock)
        {
            _watchers.Add(channel);
            if (!_running)
            {
                _running = true;
                _loop = RunAsync();
            }
        }

        try
        {
            await foreach (var sample in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return sample;
            }
        }
        finally
        {
            lock (_lock)
            {
                _watchers.Remove(channel);
            }
        }
    }

    /// <summary>The cluster's members as the silo answering reads them.</summary>
    public async Task<IReadOnlyList<SiloMember>> MembersAsync(CancellationToken cancellationToken) =>
        await client.GetGrain<IClusterMembersGrain>(0).GetMembersAsync(cancellationToken).WaitAsync(_options.SiloTimeout, timeProvider, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        await _loop;
        _disposed.Dispose();
    }

    private async Task RunAsync()
    {
        // A restart after a pause must not average the pause into its first rates: it starts from fresh reports.
        _previous = new Dictionary<string, SiloReport>(StringComparer.Ordinal);
        var primed = false;
        while (!_disposed.IsCancellationRequested && KeepRunning())
        {
            try
            {
                var sample = await SampleAsync(_disposed.Token);
                if (primed)
                {
                    Publish(sample);
                }

                primed = true;
            }
            catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The cluster unreachable from here (no gateway, storage down): the page keeps its last figures.
                LogSampleFailed(logger, exception.Message);
            }

            try
            {
                await Task.Delay(primed && _previous.Count > 0 ? _options.SamplePeriod : TimeSpan.FromMilliseconds(500), timeProvider, _disposed.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // The loop ends under the lock, so a watcher arriving as it ends either keeps it running or starts the next one.
    private bool KeepRunning()
    {
        lock (_lock)
        {
            _running = _watchers.Count > 0;
            return _running;
        }
    }

    private async Task<ClusterSample> SampleAsync(CancellationToken cancellationToken)
    {
        var members = await MembersAsync(cancellationToken);
        var live = members.Where(member => LiveStatuses.Contains(member.Status)).ToList();
        var reports = await Task.WhenAll(live.Select(member => ReportAsync(member, cancellationToken)));
        var sample = SampleBuilder.Build(timeProvider.GetUtcNow(), members, reports, _previous);
        _previous = reports.Where(entry => entry.Report is not null).ToDictionary(entry => entry.Report!.Silo, entry => entry.Report!, StringComparer.Ordinal);
        return sample;
    }

    private async Task<(SiloMember Member, SiloReport? Report, string? Error)> ReportAsync(SiloMember member, CancellationToken cancellationToken)
    {
        try
        {
            var report = await client.GetGrain<ISiloReportGrain>(member.Silo).GetReportAsync(cancellationToken).WaitAsync(_options.SiloTimeout, timeProvider, cancellationToken);
            return (member, report, null);
        }
        catch (TimeoutException)
        {
            return (member, null, $"no report within {_options.SiloTimeout.TotalSeconds:0.#} s");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return (member, null, exception.Message);
        }
    }

    private void Publish(ClusterSample sample)
    {
        lock (_lock)
        {
            _history.AddLast(sample);
            while (_history.Count > _options.History)
            {
                _history.RemoveFirst();
            }

            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(sample);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The dashboard could not sample the cluster: {Reason}")]
    private static partial void LogSampleFailed(ILogger logger, string reason);
}
