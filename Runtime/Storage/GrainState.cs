namespace Cluster.Runtime.Storage;

/// <summary>The plain implementation of <see cref="IGrainState{T}"/>.</summary>
/// <typeparam name="T">The state type.</typeparam>
public sealed class GrainState<T>(T state) : IGrainState<T>
{
    /// <inheritdoc />
    public T State { get; set; } = state;

    /// <inheritdoc />
    public string? ETag { get; set; }

    /// <inheritdoc />
    public bool RecordExists { get; set; }
}
