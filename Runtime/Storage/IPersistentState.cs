namespace Cluster.Runtime.Storage;

/// <summary>
/// A grain's persisted state, injected into the grain's constructor by a parameter marked
/// <see cref="PersistentStateAttribute"/>. The runtime reads it before <c>OnActivateAsync</c>.
/// </summary>
/// <typeparam name="TState">The state type: a class with a public parameterless constructor, serialized as JSON.</typeparam>
public interface IPersistentState<TState>
{
    /// <summary>The state value; assign or mutate it, then call <see cref="WriteStateAsync"/>.</summary>
    TState State { get; set; }

    /// <summary>The stored version this activation knows; <c>null</c> before the first write.</summary>
    string? Etag { get; }

    /// <summary>Whether a record is stored.</summary>
    bool RecordExists { get; }

    /// <summary>Reloads the state from storage, replacing <see cref="State"/>.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes <see cref="State"/>. A stale ETag throws <see cref="InconsistentStateException"/> and deactivates the activation.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes the stored state and resets <see cref="State"/> to a new instance.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
