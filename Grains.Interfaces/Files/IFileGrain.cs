using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Files;

/// <summary>One uploaded file's description, keyed by file id. The chunks are written first; the file exists once described.</summary>
public interface IFileGrain : IGrainWithStringKey
{
    /// <summary>Describes the file whose chunks are written; the first description stands, a repeat changes nothing.</summary>
    /// <exception cref="ArgumentException">The description does not match this grain's key or is over <see cref="FileLimits"/>.</exception>
    Task<StoredFileInfo> CompleteAsync(StoredFileInfo file, CancellationToken cancellationToken = default);

    /// <summary>The file, or null when no upload completed.</summary>
    [ReadOnly]
    Task<StoredFileInfo?> GetAsync(CancellationToken cancellationToken = default);
}
