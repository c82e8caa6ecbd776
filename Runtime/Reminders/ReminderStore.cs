using System.Text.Json;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Reminders;

/// <summary>
/// Reads and writes the stored reminder records through the configured storage provider, and lists them by
/// partition. Each grain's record is written with its ETag, so two writers of one grain never lose a reminder.
/// </summary>
internal sealed class ReminderStore(IServiceProvider services, IOptions<ReminderOptions> options)
{
    private const int PageSize = 500;
    private const int WriteAttempts = 5;

    public ReminderOptions Options { get; } = options.Value;

    /// <summary>Whether the configured storage exists and can list records (false in silos without storage).</summary>
    public bool IsAvailable => services.GetKeyedService<IGrainStorage>(Options.StorageName) is IGrainStateQuery;

    public async Task<GrainState<GrainRemindersState>> ReadAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        var state = new GrainState<GrainRemindersState>(new GrainRemindersState());
        await Storage().ReadStateAsync(ReminderPartitions.StateName, ReminderPartitions.RecordOf(grainId), state, cancellationToken);
        return state;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the grain's stored reminders and writes them, rereading and applying
    /// again when another write came first. Returns what <paramref name="change"/> returned on the write that held.
    /// </summary>
    public async Task<T> ChangeAsync<T>(GrainId grainId, Func<Dictionary<string, ReminderSchedule>, T> change, CancellationToken cancellationToken)
    {
        var storage = Storage();
        var recordId = ReminderPartitions.RecordOf(grainId);
        for (var attempt = 1; ; attempt++)
        {
            var state = await ReadAsync(grainId, cancellationToken);
            var result = change(state.State.Reminders);
            state.State.Partition = ReminderPartitions.Of(grainId);
            state.State.GrainId = grainId.ToString();
            try
            {
                if (state.State.Reminders.Count == 0)
                {
                    if (state.RecordExists)
                    {
                        await storage.ClearStateAsync(ReminderPartitions.StateName, recordId, state, cancellationToken);
                    }
                }
                else
                {
                    await storage.WriteStateAsync(ReminderPartitions.StateName, recordId, state, cancellationToken);
                }

                return result;
            }
            catch (InconsistentStateException) when (attempt < WriteAttempts)
            {
                // Another writer of this grain's reminders (an interleaving call of the grain) came first: apply again.
            }
        }
    }

    /// <summary>Every stored record of <paramref name="partition"/>, page by page.</summary>
    public async Task<IReadOnlyList<GrainRemindersState>> ListPartitionAsync(string partition, CancellationToken cancellationToken)
    {
        var query = Query();
        var records = new List<GrainRemindersState>();
        StateListPosition? after = null;
        while (true)
        {
            var page = await query.ListAsync(ReminderPartitions.Page(partition, after, PageSize), cancellationToken);
            records.AddRange(page.Select(stored => JsonSerializer.Deserialize<GrainRemindersState>(stored.Json, JsonSerializerOptions.Web)!));
            if (page.Count < PageSize)
            {
                return records;
            }

            after = page[^1].Position;
        }
    }

    /// <summary>The partitions that hold at least one record: one indexed read per such partition, and one more.</summary>
    public async Task<IReadOnlyList<string>> ListOccupiedPartitionsAsync(CancellationToken cancellationToken)
    {
        var query = Query();
        var partitions = new List<string>();
        StateListPosition? after = null;
        while (partitions.Count < ReminderPartitions.Count)
        {
            var page = await query.ListAsync(ReminderPartitions.Page(string.Empty, after, 1), cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            var partition = page[0].Position.Value;
            partitions.Add(partition);

            // Past every record of this partition: its names are two digits, so this sorts before the next one.
            after = new StateListPosition(partition + "\u007f", string.Empty);
        }

        return partitions;
    }

    private IGrainStorage Storage() =>
        services.GetKeyedService<IGrainStorage>(Options.StorageName)
        ?? throw new InvalidOperationException(
            $"Reminders are kept by the storage provider '{Options.StorageName}', which this silo does not have. Register it (for example AddPostgresGrainStorage), or set {ReminderOptions.SectionName}:{nameof(ReminderOptions.StorageName)}.");

    private IGrainStateQuery Query() =>
        Storage() as IGrainStateQuery
        ?? throw new InvalidOperationException(
            $"The storage provider '{Options.StorageName}' cannot list stored states, which reminders need; use PostgreSQL or SQLite storage for it, or set {ReminderOptions.SectionName}:{nameof(ReminderOptions.StorageName)} to one.");
}
