using System.Collections.Concurrent;
using System.Data.Common;

namespace Cluster.Runtime.Storage.Internal;

/// <summary>
/// What the PostgreSQL and SQLite listings share: each property's index is created once per process (a failure is
/// forgotten, so the next query tries again), and rows are read the same way.
/// </summary>
internal sealed class StateListIndexes(Func<string, Task> createIndexAsync)
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> _created = new(StringComparer.Ordinal);

    public Task EnsureAsync(string property, CancellationToken cancellationToken)
    {
        var created = _created.GetOrAdd(property, name => new Lazy<Task>(() => CreateAsync(name)));
        return created.Value.WaitAsync(cancellationToken);
    }

    /// <summary>Reads rows of (grain key, sort value, payload).</summary>
    public static async Task<IReadOnlyList<StoredGrainState>> ReadAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var states = new List<StoredGrainState>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = reader.GetString(0);
            states.Add(new StoredGrainState(key, new StateListPosition(reader.IsDBNull(1) ? string.Empty : reader.GetString(1), key), reader.GetString(2)));
        }

        return states;
    }

    private async Task CreateAsync(string property)
    {
        try
        {
            await createIndexAsync(property);
        }
        catch
        {
            _created.TryRemove(property, out _);
            throw;
        }
    }
}
