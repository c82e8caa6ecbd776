using System.Text.Json;
using Cluster.Runtime.Core;
using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Storage.Internal;

/// <summary>
/// The semantics every provider shares, over a provider's <see cref="IStateTable"/>: JSON payloads, integer-version
/// ETags, first writes that only insert, compare-and-swap updates, and clears that leave a tombstone so versions
/// keep counting up and an ETag is never reused for a grain. A rejected write or clear changes neither the store
/// nor the caller's <see cref="IGrainState{T}"/>.
/// </summary>
/// <param name="storageName">The provider's registered name, for messages.</param>
/// <param name="table">The provider's store.</param>
/// <param name="jsonOptions">The options state is (de)serialized with.</param>
/// <param name="logger">The provider's logger.</param>
internal sealed partial class VersionedStateStorage(string storageName, IStateTable table, JsonSerializerOptions jsonOptions, ILogger logger)
{
    /// <summary>The provider's registered name.</summary>
    public string StorageName { get; } = storageName;

    /// <summary>See <see cref="IGrainStorage.ReadStateAsync{T}"/>.</summary>
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        Validate(stateName, grainId, grainState);
        cancellationToken.ThrowIfCancellationRequested();

        var row = await table.ReadAsync(StateRowKey.For(grainId, stateName), cancellationToken);
        if (row is not { } stored)
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        // A tombstone leaves the caller's (fresh) state alone but hands out its version, so the next write
        // continues the sequence instead of restarting at 1.
        if (stored.Payload is not null)
        {
            grainState.State = Deserialize<T>(stored, stateName, grainId);
        }

        grainState.ETag = EtagVersion.Format(stored.Version);
        grainState.RecordExists = stored.Payload is not null;
    }

    /// <summary>See <see cref="IGrainStorage.WriteStateAsync{T}"/>.</summary>
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        Validate(stateName, grainId, grainState);
        if (grainState.State is null)
        {
            throw new ArgumentException(
                $"The state '{stateName}' of grain {grainId} is null; assign a state object before writing, or call ClearStateAsync to remove it.",
                nameof(grainState));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var payload = JsonSerializer.Serialize(grainState.State, jsonOptions);
        var key = StateRowKey.For(grainId, stateName);
        var heldEtag = grainState.ETag;

        int newVersion;
        if (heldEtag is null)
        {
            if (!await table.TryInsertAsync(key, payload, cancellationToken))
            {
                throw await ConflictAsync(StateConflict.Write, key, grainId, heldEtag, cancellationToken);
            }

            newVersion = EtagVersion.First;
        }
        else
        {
            var updated = EtagVersion.TryParse(heldEtag, out var expected)
                ? await table.TryUpdateAsync(key, expected, payload, cancellationToken)
                : null;
            newVersion = updated ?? throw await ConflictAsync(StateConflict.Write, key, grainId, heldEtag, cancellationToken);
        }

        grainState.ETag = EtagVersion.Format(newVersion);
        grainState.RecordExists = true;
    }

    /// <summary>See <see cref="IGrainStorage.ClearStateAsync{T}"/>.</summary>
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        Validate(stateName, grainId, grainState);
        cancellationToken.ThrowIfCancellationRequested();
        var key = StateRowKey.For(grainId, stateName);
        var heldEtag = grainState.ETag;

        if (heldEtag is null)
        {
            // Clearing what was never written is a no-op; clearing a row this caller never saw is a conflict.
            if (await table.ReadVersionAsync(key, cancellationToken) is { } stored)
            {
                throw Conflict(StateConflict.Clear, key, grainId, stored, heldEtag);
            }

            grainState.RecordExists = false;
            return;
        }

        var updated = EtagVersion.TryParse(heldEtag, out var expected)
            ? await table.TryUpdateAsync(key, expected, payload: null, cancellationToken)
            : null;
        var newVersion = updated ?? throw await ConflictAsync(StateConflict.Clear, key, grainId, heldEtag, cancellationToken);

        grainState.ETag = EtagVersion.Format(newVersion);
        grainState.RecordExists = false;
    }

    private static void Validate<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (string.IsNullOrEmpty(stateName))
        {
            throw new ArgumentException(
                "The state name is null or empty; pass the name given in [PersistentState(\"name\")], such as \"profile\".",
                nameof(stateName));
        }

        if (grainId.IsDefault)
        {
            throw new ArgumentException(
                "The grain id is the default (empty) value; pass the grain's id, such as new GrainId(\"user\", \"42\").",
                nameof(grainId));
        }

        ArgumentNullException.ThrowIfNull(grainState);
    }

    private T Deserialize<T>(StoredRow stored, string stateName, GrainId grainId)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(stored.Payload!, jsonOptions)!;
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException(
                $"State '{stateName}' of grain {grainId} in storage '{StorageName}' (version {stored.Version}) holds JSON that "
                + $"cannot be read as {typeof(T).FullName}: {exception.Message} Make the state type accept the stored shape, or fix the row.",
                exception);
        }
    }

    private async Task<InconsistentStateException> ConflictAsync(
        string operation, StateRowKey key, GrainId grainId, string? heldEtag, CancellationToken cancellationToken)
    {
        // The statement that failed already decided the conflict; this read only names the version that won.
        var stored = await table.ReadVersionAsync(key, cancellationToken);
        return Conflict(operation, key, grainId, stored, heldEtag);
    }

    private InconsistentStateException Conflict(string operation, StateRowKey key, GrainId grainId, int? stored, string? heldEtag)
    {
        LogConflict(logger, operation, key.StateName, grainId, StorageName, EtagVersion.Format(stored), heldEtag);
        return StateConflict.Create(operation, key.StateName, grainId, StorageName, stored, heldEtag);
    }
}
