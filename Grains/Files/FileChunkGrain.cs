using Cluster.Grains.Interfaces.Files;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;

namespace Cluster.Grains.Files;

// A file's bytes are read once or twice after upload; kept in memory only briefly.
[GrainType("file-chunk")]
[CollectionAgeLimit(Minutes = 2)]
public sealed class FileChunkGrain([PersistentState(FileChunkGrain.StateName)] IPersistentState<FileChunkState> chunk) : Grain, IFileChunkGrain
{
    public const string StateName = "file-chunk";

    public async Task WriteAsync(byte[] bytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length > FileLimits.ChunkSize)
        {
            throw new ArgumentException($"A chunk holds at most {FileLimits.ChunkSize} bytes; this one has {bytes.Length}.", nameof(bytes));
        }

        var before = chunk.State.Bytes;
        chunk.State.Bytes = bytes;
        try
        {
            await chunk.WriteStateAsync(cancellationToken);
        }
        catch
        {
            chunk.State.Bytes = before;
            throw;
        }
    }

    public Task<byte[]> ReadAsync(CancellationToken cancellationToken = default) => Task.FromResult(chunk.State.Bytes);
}
