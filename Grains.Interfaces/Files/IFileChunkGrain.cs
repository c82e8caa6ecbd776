using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Files;

/// <summary>Up to <see cref="FileLimits.ChunkSize"/> bytes of a file, keyed by <see cref="FileLimits.ChunkKey"/>.</summary>
public interface IFileChunkGrain : IGrainWithStringKey
{
    /// <summary>Stores the chunk's bytes; writing it again replaces them.</summary>
    /// <exception cref="ArgumentException">More than <see cref="FileLimits.ChunkSize"/> bytes.</exception>
    Task WriteAsync(byte[] bytes, CancellationToken cancellationToken = default);

    /// <summary>The chunk's bytes; empty when none were written.</summary>
    [ReadOnly]
    Task<byte[]> ReadAsync(CancellationToken cancellationToken = default);
}
