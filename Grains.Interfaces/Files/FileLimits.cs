namespace Cluster.Grains.Interfaces.Files;

/// <summary>Bounds of uploaded files.</summary>
public static class FileLimits
{
    /// <summary>The largest file, in bytes (the contract's 5 MB).</summary>
    public const int MaxLength = 5 * 1024 * 1024;

    /// <summary>The bytes one chunk grain holds: small enough for any grain call, few enough per file.</summary>
    public const int ChunkSize = 256 * 1024;

    /// <summary>The longest file name kept, in characters.</summary>
    public const int MaxNameLength = 100;

    /// <summary>The key of chunk <paramref name="index"/> of file <paramref name="fileId"/>.</summary>
    public static string ChunkKey(string fileId, int index) => $"{fileId}/{index}";
}
