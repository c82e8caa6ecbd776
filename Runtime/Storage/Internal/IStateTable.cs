namespace Cluster.Runtime.Storage.Internal;

/// <summary>
/// The primitive, single-statement operations a provider's store offers. <see cref="VersionedStateStorage"/>
/// builds the shared semantics (ETags, tombstones, conflicts) on top, so every provider behaves the same.
/// Each method is atomic on its own: concurrent callers cannot both see a successful insert or update.
/// </summary>
internal interface IStateTable
{
    /// <summary>Reads the row, or <c>null</c> when none exists.</summary>
    Task<StoredRow?> ReadAsync(StateRowKey key, CancellationToken cancellationToken);

    /// <summary>Reads only the row's version, or <c>null</c> when none exists.</summary>
    Task<int?> ReadVersionAsync(StateRowKey key, CancellationToken cancellationToken);

    /// <summary>Inserts the row with version 1 unless one exists; returns whether it inserted.</summary>
    Task<bool> TryInsertAsync(StateRowKey key, string payload, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the payload (<c>null</c> leaves a tombstone) and increments the version, only if the stored version
    /// is <paramref name="expectedVersion"/>; returns the new version, or <c>null</c> when nothing matched.
    /// </summary>
    Task<int?> TryUpdateAsync(StateRowKey key, int expectedVersion, string? payload, CancellationToken cancellationToken);
}
