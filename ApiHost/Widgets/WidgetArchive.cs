using System.Formats.Tar;
using System.IO.Compression;

namespace Cluster.ApiHost.Widgets;

/// <summary>
/// Extracts an npm tarball (gzip-compressed tar, files under <c>package/</c>) into a directory, refusing the whole
/// archive on anything unsafe: absolute paths, <c>..</c> segments, links and devices, too many files or bytes.
/// </summary>
public static class WidgetArchive
{
    private const string PackagePrefix = "package/";

    /// <summary>Extracts <paramref name="tarball"/> into <paramref name="directory"/> (which must not exist); the files written and their size.</summary>
    /// <exception cref="InvalidDataException">The archive is unsafe or malformed; the message says why.</exception>
    public static async Task<(IReadOnlyList<string> Files, long Bytes)> ExtractAsync(Stream tarball, string directory, WidgetOptions limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var root = Path.GetFullPath(directory);
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long bytes = 0;
        var entries = 0;
        Directory.CreateDirectory(root);
        await using var gzip = new GZipStream(tarball, CompressionMode.Decompress);
        await using var reader = new TarReader(gzip);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            // Entries that write nothing still cost a read each: an archive of endless directory entries is refused too.
            if (++entries > 2 * limits.MaxFiles)
            {
                throw new InvalidDataException($"The archive holds more than {2 * limits.MaxFiles} entries (twice Widgets:MaxFiles).");
            }

            if (entry.EntryType is TarEntryType.GlobalExtendedAttributes)
            {
                continue;
            }

            var relative = RelativePathOf(entry.Name);
            if (entry.EntryType is TarEntryType.Directory)
            {
                continue;
            }

            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
            {
                throw new InvalidDataException($"The archive's entry '{entry.Name}' is a {entry.EntryType}; bundles may hold regular files only.");
            }

            if (files.Count == limits.MaxFiles)
            {
                throw new InvalidDataException($"The archive holds more than {limits.MaxFiles} files (Widgets:MaxFiles).");
            }

            bytes += entry.Length;
            if (bytes > limits.MaxExtractedBytes)
            {
                throw new InvalidDataException($"The archive extracts to more than {limits.MaxExtractedBytes} bytes (Widgets:MaxExtractedBytes).");
            }

            var target = Path.GetFullPath(Path.Combine(root, relative));
            if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"The archive's entry '{entry.Name}' points outside the bundle.");
            }

            if (!seen.Add(relative))
            {
                throw new InvalidDataException($"The archive holds '{entry.Name}' twice.");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await using (var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write))
            {
                if (entry.DataStream is { } data)
                {
                    await data.CopyToAsync(output, cancellationToken);
                }
            }

            files.Add(relative);
        }

        return (files, bytes);
    }

    // npm packs every file under "package/"; a name is used only when each segment is an ordinary one.
    private static string RelativePathOf(string name)
    {
        var path = name.Replace('\\', '/');
        if (path.StartsWith('/') || (path.Length > 1 && path[1] == ':'))
        {
            throw new InvalidDataException($"The archive's entry '{name}' has an absolute path.");
        }

        if (path.StartsWith(PackagePrefix, StringComparison.Ordinal))
        {
            path = path[PackagePrefix.Length..];
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0 && !name.EndsWith('/'))
        {
            throw new InvalidDataException($"The archive's entry '{name}' has no file name.");
        }

        if (segments.Any(segment => segment is "." or ".." || segment.Contains('\0', StringComparison.Ordinal)))
        {
            throw new InvalidDataException($"The archive's entry '{name}' has a '..' or '.' segment; bundles may not point outside themselves.");
        }

        return string.Join('/', segments);
    }
}
