namespace Cluster.Runtime.Storage;

/// <summary>A state object with the bookkeeping a storage provider reads and writes.</summary>
/// <typeparam name="T">The state type.</typeparam>
public interface IGrainState<T>
{
    /// <summary>The state value.</summary>
    T State { get; set; }

    /// <summary>
    /// The version last read or written, as text; <c>null</c> when no record has ever been stored. A write
    /// succeeds only if the stored version still equals it.
    /// </summary>
    string? ETag { get; set; }

    /// <summary>Whether a record is stored (false after <c>ClearStateAsync</c>).</summary>
    bool RecordExists { get; set; }
}
