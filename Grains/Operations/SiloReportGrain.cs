using Cluster.Grains.Interfaces.Operations;
using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;
using Cluster.Runtime.Diagnostics;
using Cluster.Runtime.Placement;
using Cluster.Runtime.Reminders;

namespace Cluster.Grains.Operations;

// Reentrant: a deactivation waiting for another grain's calls must not hold up the reports of the silo.
[GrainType("silo-report")]
[SiloKeyPlacement]
[Reentrant]
public sealed class SiloReportGrain(SiloStatistics statistics, RecentLogs logs, ReminderDirectory reminders) : Grain, ISiloReportGrain
{
    public Task<SiloReport> GetReportAsync(CancellationToken cancellationToken = default) => Task.FromResult(statistics.Capture());

    public Task<bool> HostsAsync(string grainType, string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(statistics.IsActive(new GrainId(grainType, key)));

    public Task<IReadOnlyList<GrainStateSnapshot>?> ReadStatesAsync(string grainType, string key, CancellationToken cancellationToken = default) =>
        statistics.ReadStatesAsync(new GrainId(grainType, key), cancellationToken);

    public Task<ReminderOverview> ReadRemindersAsync(string filter, int limit, CancellationToken cancellationToken = default) =>
        reminders.ReadAsync(filter, limit, cancellationToken);

    public Task<LogPage> ReadLogsAsync(long after, CancellationToken cancellationToken = default) => Task.FromResult(logs.Read(after));

    public Task<bool> DeactivateAsync(string grainType, string key, CancellationToken cancellationToken = default) =>
        statistics.DeactivateAsync(new GrainId(grainType, key));
}
