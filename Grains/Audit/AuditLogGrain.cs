using System.Text.Json;
using Cluster.Grains.Interfaces.Audit;
using Cluster.Grains.Persistence;
using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.Grains.Audit;

[GrainType("audit-log")]
[StatelessWorker]
public sealed class AuditLogGrain(IServiceProvider services) : Grain, IAuditLogGrain
{
    /// <summary>The grain type the entries are stored under, one state each.</summary>
    public const string EntryType = "audit";

    public const string StateName = "audit";

    // Filtering the other field in memory may leave pages short; a few more reads fill them.
    private const int MaxReadsPerPage = 10;

    private IGrainStorage Storage => services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Default);

    public async Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(entry.Id);
            try
            {
                await Storage.WriteStateAsync(StateName, new GrainId(EntryType, entry.Id), new GrainState<AuditEntryState>(AuditEntryState.From(entry)), cancellationToken);
            }
            catch (InconsistentStateException)
            {
                // Stored by an earlier attempt of the same batch.
            }
        }
    }

    public async Task<AuditPage> SearchAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 1 or > IAuditLogGrain.MaxPageSize)
        {
            throw new ArgumentException($"The page size is {query.PageSize}; ask for 1 to {IAuditLogGrain.MaxPageSize}.", nameof(query));
        }

        if (Storage is not IGrainStateQuery search)
        {
            throw new NotSupportedException("The silo's grain storage cannot be searched; use the PostgreSQL or SQLite provider.");
        }

        // The most selective index given: the actor's, else the action's, else time; the other filter in memory.
        var (property, prefix) = query.ActorId is { } actor ? ("byActor", actor + "|")
            : query.Action is { } action ? ("byAction", action + "|")
            : ("byTime", string.Empty);
        var after = StateListCursor.Decode(query.Cursor) ?? (query.From is { } from ? new StateListPosition((prefix + AuditEntryState.SortableTime(from)).ToLowerInvariant(), string.Empty) : null);
        var before = query.To is { } to ? prefix + AuditEntryState.SortableTime(to) : null;
        var entries = new List<AuditEntry>();
        StateListPosition? last = null;
        var more = false;
        for (var read = 0; read < MaxReadsPerPage && entries.Count < query.PageSize; read++)
        {
            var found = await search.ListAsync(
                new StateListQuery(EntryType, StateName, property, prefix, last ?? after, query.PageSize - entries.Count + 1) { Before = before },
                cancellationToken);
            var taken = found.Take(query.PageSize - entries.Count).ToList();
            entries.AddRange(taken
                .Select(state => JsonSerializer.Deserialize<AuditEntryState>(state.Json, JsonSerializerOptions.Web)!.ToEntry(state.GrainKey))
                .Where(entry => query.Action is null || query.ActorId is null || entry.Action == query.Action));
            last = taken.Count > 0 ? taken[^1].Position : last;
            more = found.Count > taken.Count;
            if (!more)
            {
                break;
            }
        }

        return new AuditPage(entries, more && last is not null ? StateListCursor.Encode(last) : null);
    }
}
