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
/// Directories leave the cache by being renamed aside under the lock and deleted outside it: a file already opened for
/// a response is still read to its end. The directory belongs to this process alone.
/// </summary>
public sealed partial class WidgetCache(WidgetDownloader downloader, IOptions<WidgetOptions> options, TimeProvider timeProvider, ILogger<WidgetCache> logger)
{
    private const string TemporaryPrefix = ".tmp-";
    private const string DiscardedPrefix = ".old-";

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

        // The first scan clears what an earlier run left half written; it must run before this extraction starts.
        lock (_lock)
        {
            Entries();
        }

        var temporary = Path.Combine(Root, TemporaryPrefix + Guid.NewGuid().ToString("N"));
        List<string> discarded = [];
        try
        {
            using var input = new MemoryStream(tarball, writable: false);
            var (files, bytes) = await WidgetArchive.ExtractAsync(input, temporary, options.Value, cancellationToken);
            var target = Path.Combine(Root, name);
            lock (_lock)
            {
                // The same name means the same verified bytes: files being served from it stay as they are.
                if (!Directory.Exists(target))
                {
                    Directory.Move(temporary, target);
                }

                Entries()[name] = (bytes, timeProvider.GetTimestamp());

                discarded = Evict(keep: name);
            }

            return (files, bytes);
        }
        catch (Exception exception) when (exception is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new WidgetException(WidgetFailure.UnsafeArchive, $"The tarball of {key} was refused: {exception.Message}");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The disk, not the archive: full, or Widgets:CacheDirectory not writable.
            LogStoreFailed(logger, exception, key);
            throw new WidgetException(WidgetFailure.Storage, $"This host could not write the files of {key} to its widget cache; try again later.");
        }
        finally
        {
            discarded.Add(temporary);
            DeleteAll(discarded);
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
        string? discarded;
        lock (_lock)
        {
            Entries().Remove(name);
            discarded = SetAside(name);
        }

        DeleteAll([discarded]);
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
            if (directory.Name.StartsWith(TemporaryPrefix, StringComparison.Ordinal) || directory.Name.StartsWith(DiscardedPrefix, StringComparison.Ordinal))
            {
                directory.Delete(recursive: true);
                continue;
            }

            found[directory.Name] = (directory.EnumerateFiles("*", SearchOption.AllDirectories).Sum(file => file.Length), order++);
        }

        return _entries = found;
    }

    // Called under the lock; returns the directories set aside, to delete once the lock is released.
    private List<string> Evict(string keep)
    {
        var entries = Entries();
        var total = entries.Values.Sum(entry => entry.Bytes);
        List<string> discarded = [];
        foreach (var (name, entry) in entries.Where(entry => entry.Key != keep).OrderBy(entry => entry.Value.LastUse).ToList())
        {
            if (total <= options.Value.MaxCacheBytes)
            {
                break;
            }

            entries.Remove(name);
            total -= entry.Bytes;
            if (SetAside(name) is { } aside)
            {
                discarded.Add(aside);
            }

            LogEvicted(logger, name);
        }

        return discarded;
    }

    // Called under the lock: a rename is quick and atomic, so the cache never shows a half-deleted bundle.
    private string? SetAside(string name)
    {
        var directory = Path.Combine(Root, name);
        if (!Directory.Exists(directory))
        {
            return null;
        }

        var aside = Path.Combine(Root, DiscardedPrefix + Guid.NewGuid().ToString("N"));
        Directory.Move(directory, aside);
        return aside;
    }

    private void DeleteAll(IEnumerable<string?> directories)
    {
        foreach (var directory in directories)
        {
            try
            {
                if (directory is not null && Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Left for the next start's scan, which deletes set-aside directories.
                LogDeleteFailed(logger, exception, Path.GetFileName(directory!));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing widget bundle {Key} to the cache directory failed (Widgets:CacheDirectory)")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting widget cache directory {Name} failed; the next start deletes it")]
    private static partial void LogDeleteFailed(ILogger logger, Exception exception, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Widget bundle {Package}@{Version} downloaded, verified and cached")]
    private static partial void LogCached(ILogger logger, string package, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Widget cache directory {Name} evicted to stay within Widgets:MaxCacheBytes")]
    private static partial void LogEvicted(ILogger logger, string name);
}
