using Cluster.Runtime.Core;
using Cluster.Runtime.Storage.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cluster.Runtime.Storage.Memory;

/// <summary>
/// Grain storage held in process memory, for unit tests of grain logic. It has the same semantics as the SQL
/// providers: state is stored as JSON (so schema evolution behaves the same and stored state cannot be mutated
/// without a write), ETags are integer versions, stale writes and clears throw
/// <see cref="InconsistentStateException"/>, clears leave tombstones, and listings order and filter as theirs do.
/// Everything is lost when the process exits.
/// </summary>
public sealed class MemoryGrainStorage : IGrainStorage, IGrainStateQuery
{
    private readonly MemoryStateTable _table = new();
    private readonly VersionedStateStorage _storage;

    /// <summary>Creates an empty store.</summary>
    /// <param name="name">The provider's registered name, used in messages.</param>
    /// <param name="options">The provider's options; <c>null</c> for the defaults.</param>
    /// <param name="logger">The logger; <c>null</c> for none.</param>
    public MemoryGrainStorage(string name = GrainStorageNames.Default, MemoryGrainStorageOptions? options = null, ILogger<MemoryGrainStorage>? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _storage = new VersionedStateStorage(
            name, _table, StateJson.OrDefault(options?.JsonSerializerOptions), logger ?? NullLogger<MemoryGrainStorage>.Instance);
    }

    /// <summary>The provider's registered name.</summary>
    public string Name => _storage.StorageName;

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default) =>
        _storage.ReadStateAsync(stateName, grainId, grainState, cancellationToken);

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default) =>
        _storage.WriteStateAsync(stateName, grainId, grainState, cancellationToken);

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default) =>
        _storage.ClearStateAsync(stateName, grainId, grainState, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredGrainState>> ListAsync(StateListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(MemoryStateList.List(_table.Snapshot(), query));
    }

    /// <inheritdoc />
    public Task<long> CountAsync(StateListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(MemoryStateList.Count(_table.Snapshot(), query));
    }

    /// <summary>Stores raw JSON (or a tombstone) at a version, bypassing the checks; for tests of old state shapes.</summary>
    internal void PutRaw(string stateName, GrainId grainId, int version, string? json) =>
        _table.Put(StateRowKey.For(grainId, stateName), new StoredRow(version, json));
}
