using Cluster.Grains.Interfaces.Files;

namespace Cluster.Grains.Files;

/// <summary>A file's description, once its upload completed.</summary>
public sealed class FileState
{
    public StoredFileInfo? File { get; set; }
}
