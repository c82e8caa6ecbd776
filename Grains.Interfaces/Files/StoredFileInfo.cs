namespace Cluster.Grains.Interfaces.Files;

/// <summary>An uploaded file's description; its bytes are in <see cref="FileLimits.ChunkSize"/> parts of <see cref="IFileChunkGrain"/>s.</summary>
/// <param name="Id">The file's id (the grain key).</param>
/// <param name="OwnerId">Who uploaded it.</param>
/// <param name="Name">The name it was uploaded with.</param>
/// <param name="ContentType">Its media type, as checked from its first bytes.</param>
/// <param name="Length">Its size in bytes.</param>
/// <param name="Sha256">Its SHA-256, hexadecimal, checked when the upload completed.</param>
/// <param name="ChunkCount">How many chunks hold its bytes.</param>
/// <param name="CreatedAt">When the upload completed.</param>
public sealed record StoredFileInfo(string Id, string OwnerId, string Name, string ContentType, long Length, string Sha256, int ChunkCount, DateTimeOffset CreatedAt);
