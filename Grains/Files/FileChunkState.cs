namespace Cluster.Grains.Files;

/// <summary>Some bytes of a file (stored as base64 in the state's JSON).</summary>
public sealed class FileChunkState
{
    public byte[] Bytes { get; set; } = [];
}
