using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Cluster.Grains.Interfaces.Widgets;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Widgets;

/// <summary>
/// This API host's disk cache of extracted bundles, one directory per package version and integrity, bounded by
/// <see cref="WidgetOptions.MaxCacheBytes"/> (least recently used first out). A bundle missing from it is downloaded
/// again and checked against the integrity the registry recorded, so what is served is always what was verified.
/// </summary>
public sealed partial class WidgetCache(WidgetDownloader downloader, IOptions<WidgetOptions> options, TimeProvider timeProvider, ILogger<WidgetCache> logger)
{
    private const string TemporaryPrefix = ".tmp-";

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _filling = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private Dictionary<string, (long Bytes, long LastUse)>? _entries;

    private string Root => Path.GetFullPath(options.Value.CacheDirectory);

    /// <summary>The cache directory name of a bundle: a hash of its key and integrity, so a re-registered version never meets old files.</summary>
    public static string DirectoryNameOf(string key, string integrity) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{key}\n{integrity}")))[..40];

    /// <summary>The bytes the cache holds now.</summary>
    public long CachedBytes
    {
        get
        {
            lock (_lock)
            {
                return Entries().Values.Sum(entry => entry.Bytes);
            }
        }
    }

    /// <summary>Extracts a verified tarball into the cache; the files and their size.</summary>
    /// <exception cref="WidgetException">The archive is unsafe or malformed; nothing is kept.</exception>
    public async Task<(IReadOnlyList<string> Files, long Bytes)> StoreAsync(string key, string integrity, byte[] tarball, CancellationToken cancellationToken)
    {
        var name = DirectoryNameOf(key, integrity);
        var temporary = Path.Combine(Root, TemporaryPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            using var input = new MemoryStream(tarball, writable: false);
            var (files, bytes) = await WidgetArchive.ExtractAsync(input, temporary, options.Value, cancellationToken);
            var target = Path.Combine(Root, name);
            lock (_lock)
            {
                if (Directory.Exists(target))
                {
                    Directory.Delete(target, recursive: true);
                }

                Directory.Move(temporary, target);
                Entries()[name] = (bytes, timeProvider.GetTimestamp());
                Evict(keep: name);
            }

            return (files, bytes);
        }
        catch (Exception exception) when (exception is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new WidgetException(WidgetFailure.UnsafeArchive, $"The tarball of {key} was refused: {exception.Message}");
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }
    }

    /// <summary>The directory of <paramref name="bundle"/>'s files, downloading and extracting it first when it is not cached.</summary>
    public async Task<string> EnsureAsync(WidgetBundleInfo bundle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var name = DirectoryNameOf(bundle.Key, bundle.Integrity);
        var directory = Path.Combine(Root, name);
        if (Touch(name))
        {
            return directory;
        }

        // One download per bundle at a time: concurrent first requests wait for it instead of repeating it.
        var filling = _filling.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        await filling.WaitAsync(cancellationToken);
        try
        {
            if (!Touch(name))
            {
                var tarball = await downloader.DownloadAsync(bundle.TarballUrl, bundle.Integrity, cancellationToken);
                await StoreAsync(bundle.Key, bundle.Integrity, tarball, cancellationToken);
                LogCached(logger, bundle.Package, bundle.Version);
            }

            return directory;
        }
        finally
        {
            filling.Release();
        }
    }

    /// <summary>Removes a bundle's files from this host's cache.</summary>
    public void Remove(WidgetBundleInfo bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var name = DirectoryNameOf(bundle.Key, bundle.Integrity);
        lock (_lock)
        {
            Entries().Remove(name);
            var directory = Path.Combine(Root, name);
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private bool Touch(string name)
    {
        lock (_lock)
        {
            var entries = Entries();
            if (!entries.TryGetValue(name, out var entry) || !Directory.Exists(Path.Combine(Root, name)))
            {
                entries.Remove(name);
                return false;
            }

            entries[name] = entry with { LastUse = timeProvider.GetTimestamp() };
            return true;
        }
    }

    // Called under the lock. What an earlier run left is found on the first use, oldest-written first out.
    private Dictionary<string, (long Bytes, long LastUse)> Entries()
    {
        if (_entries is not null)
        {
            return _entries;
        }

        Directory.CreateDirectory(Root);
        var found = new Dictionary<string, (long Bytes, long LastUse)>(StringComparer.Ordinal);
        var order = 0L;
        foreach (var directory in new DirectoryInfo(Root).EnumerateDirectories().OrderBy(directory => directory.LastWriteTimeUtc))
        {
            if (directory.Name.StartsWith(TemporaryPrefix, StringComparison.Ordinal))
            {
                directory.Delete(recursive: true);
                continue;
            }

            found[directory.Name] = (directory.EnumerateFiles("*", SearchOption.AllDirectories).Sum(file => file.Length), order++);
        }

        return _entries = found;
    }

    // Called under the lock.
    private void Evict(string keep)
    {
        var entries = Entries();
        var total = entries.Values.Sum(entry => entry.Bytes);
        foreach (var (name, entry) in entries.Where(entry => entry.Key != keep).OrderBy(entry => entry.Value.LastUse).ToList())
        {
            if (total <= options.Value.MaxCacheBytes)
            {
                break;
            }

            Directory.Delete(Path.Combine(Root, name), recursive: true);
            entries.Remove(name);
            total -= entry.Bytes;
            LogEvicted(logger, name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Widget bundle {Package}@{Version} downloaded, verified and cached")]
    private static partial void LogCached(ILogger logger, string package, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Widget cache directory {Name} evicted to stay within Widgets:MaxCacheBytes")]
    private static partial void LogEvicted(ILogger logger, string name);
}
