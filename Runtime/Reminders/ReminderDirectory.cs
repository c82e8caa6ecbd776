using Cluster.Runtime.Core;

namespace Cluster.Runtime.Reminders;

/// <summary>Lists the cluster's reminders for operators' tools: the occupied partitions from storage, each asked for its reminders.</summary>
public sealed class ReminderDirectory
{
    /// <summary>The largest page.</summary>
    public const int MaxLimit = 1000;

    private readonly ReminderStore _store;
    private readonly IGrainFactory _grainFactory;

    internal ReminderDirectory(ReminderStore store, IGrainFactory grainFactory)
    {
        _store = store;
        _grainFactory = grainFactory;
    }

    /// <summary>
    /// The reminders whose grain id or name contains <paramref name="filter"/> (ignoring case; empty for all), soonest
    /// due first, at most <paramref name="limit"/>. An empty overview when this silo has no reminder storage.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The limit is not 1 to <see cref="MaxLimit"/>.</exception>
    public async Task<ReminderOverview> ReadAsync(string filter, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        if (!_store.IsAvailable)
        {
            return new ReminderOverview([], 0, 0, 0);
        }

        var partitions = await _store.ListOccupiedPartitionsAsync(cancellationToken);
        var answers = await Task.WhenAll(partitions.Select(async partition =>
        {
            try
            {
                return await _grainFactory.GetGrain<IReminderPartitionGrain>(partition).ListAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                return null;
            }
        }));
        var matching = answers
            .SelectMany(answer => answer ?? [])
            .Where(status => status.GrainId.Contains(filter, StringComparison.OrdinalIgnoreCase) || status.ReminderName.Contains(filter, StringComparison.OrdinalIgnoreCase))
            .OrderBy(status => status.NextTickTime)
            .ToList();
        return new ReminderOverview([.. matching.Take(limit)], matching.Count, partitions.Count, answers.Count(answer => answer is null));
    }
}
