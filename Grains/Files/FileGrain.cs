using Cluster.Grains.Interfaces.Files;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;

namespace Cluster.Grains.Files;

[GrainType("file")]
public sealed class FileGrain([PersistentState(FileGrain.StateName)] IPersistentState<FileState> file) : Grain, IFileGrain
{
    public const string StateName = "file";

    public async Task<StoredFileInfo> CompleteAsync(StoredFileInfo described, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(described);
        if (described.Id != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"The file '{described.Id}' is not this grain's.", nameof(described));
        }

        if (described.Length is < 1 or > FileLimits.MaxLength || described.ChunkCount != (int)((described.Length + FileLimits.ChunkSize - 1) / FileLimits.ChunkSize))
        {
            throw new ArgumentException($"A file has 1 to {FileLimits.MaxLength} bytes in chunks of {FileLimits.ChunkSize}.", nameof(described));
        }

        if (file.State.File is { } existing)
        {
            return existing;
        }

        file.State.File = described;
        try
        {
            await file.WriteStateAsync(cancellationToken);
        }
        catch
        {
            file.State.File = null;
            throw;
        }

        return described;
    }

    public Task<StoredFileInfo?> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(file.State.File);
}
