using Cluster.Runtime.Storage.Internal;

namespace Cluster.Runtime.Storage.Memory;

/// <summary>
/// An in-process <see cref="IStateTable"/>. Rows hold JSON text, never object references, so a grain cannot change
/// stored state without writing it. One lock guards the dictionary: operations are tiny and this is a test store.
/// </summary>
internal sealed class MemoryStateTable : IStateTable
{
    private readonly Dictionary<StateRowKey, StoredRow> _rows = [];
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public Task<StoredRow?> ReadAsync(StateRowKey key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult(_rows.TryGetValue(key, out var row) ? row : (StoredRow?)null);
        }
    }

    /// <inheritdoc />
    public Task<int?> ReadVersionAsync(StateRowKey key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult(_rows.TryGetValue(key, out var row) ? row.Version : (int?)null);
        }
    }

    /// <inheritdoc />
    public Task<bool> TryInsertAsync(StateRowKey key, string payload, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult(_rows.TryAdd(key, new StoredRow(EtagVersion.First, payload)));
        }
    }

    /// <inheritdoc />
    public Task<int?> TryUpdateAsync(StateRowKey key, int expectedVersion, string? payload, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_rows.TryGetValue(key, out var row) || row.Version != expectedVersion)
            {
                return Task.FromResult<int?>(null);
            }

            var version = checked(row.Version + 1);
            _rows[key] = new StoredRow(version, payload);
            return Task.FromResult<int?>(version);
        }
    }

    /// <summary>A copy of every row, for listings.</summary>
    internal KeyValuePair<StateRowKey, StoredRow>[] Snapshot()
    {
        lock (_lock)
        {
            return [.. _rows];
        }
    }

    /// <summary>Stores a row as given, replacing any; lets tests plant rows written by an older state shape.</summary>
    internal void Put(StateRowKey key, StoredRow row)
    {
        lock (_lock)
        {
            _rows[key] = row;
        }
    }
}
