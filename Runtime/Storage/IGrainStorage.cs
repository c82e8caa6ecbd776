using Cluster.Runtime.Core;

namespace Cluster.Runtime.Storage;

/// <summary>
/// A grain storage provider. Every provider has the same semantics: state is stored as JSON with an integer
/// version as ETag; a write or clear whose ETag is not the stored version throws
/// <see cref="InconsistentStateException"/> and changes nothing; two concurrent first writes cannot both succeed;
/// clearing keeps the version counting up, so an ETag is never reused for a grain.
/// </summary>
public interface IGrainStorage
{
    /// <summary>Reads the state into <paramref name="grainState"/>; a missing record leaves the state as it is with <c>RecordExists</c> false.</summary>
    Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default);

    /// <summary>Writes the state if the ETag matches, then sets the new ETag and <c>RecordExists</c>.</summary>
    /// <exception cref="InconsistentStateException">The stored version is not the state's ETag.</exception>
    Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default);

    /// <summary>Removes the stored value if the ETag matches, leaving a tombstone at the next version; sets <c>RecordExists</c> false and the new ETag.</summary>
    /// <exception cref="InconsistentStateException">The stored version is not the state's ETag.</exception>
    Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default);
}
