namespace Cluster.ApiHost.Files;

/// <summary>The media type a file's first bytes show, whatever its name or declared type says.</summary>
public static class ImageSignature
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];

    /// <summary><c>image/png</c>, <c>image/jpeg</c>, or null for anything else.</summary>
    public static string? Of(ReadOnlySpan<byte> head) =>
        head.StartsWith(Png) ? "image/png" : head.StartsWith(Jpeg) ? "image/jpeg" : null;
}
