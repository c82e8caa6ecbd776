using Cluster.Runtime.Core;
using Cluster.Runtime.Diagnostics;
using Cluster.Runtime.Reminders;

namespace Cluster.Grains.Interfaces.Operations;

/// <summary>
/// One silo's own figures and controls, for the dashboard. The key is the silo's address as membership lists it
/// (<c>host:port@generation</c>, or <c>local</c> for a silo outside a cluster), and the grain runs on that silo only:
/// a call to a silo that is not Active fails rather than reporting another silo's figures.
/// </summary>
public interface ISiloReportGrain : IGrainWithStringKey
{
    /// <summary>The silo's figures now; the first report also starts its metrics collection.</summary>
    Task<SiloReport> GetReportAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether the grain <paramref name="grainType"/>/<paramref name="key"/> is active on this silo now.</summary>
    Task<bool> HostsAsync(string grainType, string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// The persistent states of that grain as storage holds them, credentials redacted, if it is active on this silo;
    /// null if it is not active here.
    /// </summary>
    Task<IReadOnlyList<GrainStateSnapshot>?> ReadStatesAsync(string grainType, string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// This silo's log lines after <paramref name="after"/> (0 for all it keeps), redacted; the silo keeps lines only
    /// while someone reads them (<see cref="RecentLogs.WatchLease"/> after the last read).
    /// </summary>
    Task<LogPage> ReadLogsAsync(long after, CancellationToken cancellationToken = default);

    /// <summary>
    /// The cluster's reminders whose grain id or name contains <paramref name="filter"/> (empty for all), soonest due
    /// first, at most <paramref name="limit"/> (1 to <see cref="ReminderDirectory.MaxLimit"/>), as their partitions serve them.
    /// </summary>
    Task<ReminderOverview> ReadRemindersAsync(string filter, int limit, CancellationToken cancellationToken = default);

    /// <summary>Deactivates that grain if it is active on this silo, once its running calls end; false if it is not here.</summary>
    Task<bool> DeactivateAsync(string grainType, string key, CancellationToken cancellationToken = default);
}
