using Cluster.ApiHost.Widgets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Tests.Widgets;

public sealed class WidgetCacheTests : IDisposable
{
    private const string Integrity = "sha512-test";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "cluster-widget-cache", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Store_EvictingABundleWithAnOpenFile_TheOpenFileReadsToItsEnd()
    {
        var cache = NewCache(maxBytes: 1024 * 1024);
        var content = new string('a', 700_000);
        await cache.StoreAsync("@test/first@1.0.0", Integrity, NpmRegistry.Tarball(("package/data.txt", content)), CancellationToken.None);
        var firstFile = Path.Combine(_root, WidgetCache.DirectoryNameOf("@test/first@1.0.0", Integrity), "data.txt");
        await using var open = new FileStream(firstFile, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);

        await cache.StoreAsync("@test/second@1.0.0", Integrity, NpmRegistry.Tarball(("package/data.txt", new string('b', 700_000))), CancellationToken.None);
        using var reader = new StreamReader(open);
        var read = await reader.ReadToEndAsync();

        Assert.False(File.Exists(firstFile));
        Assert.Equal(content, read);
        Assert.Equal(700_000, cache.CachedBytes);
        Assert.Single(Directory.EnumerateDirectories(_root));
    }

    [Fact]
    public async Task Store_SameBundleAgain_KeepsTheDirectoryAlreadyServed()
    {
        var cache = NewCache(maxBytes: 1024 * 1024);
        var tarball = NpmRegistry.Tarball(("package/index.js", "export {};"));
        await cache.StoreAsync("@test/same@1.0.0", Integrity, tarball, CancellationToken.None);
        var file = Path.Combine(_root, WidgetCache.DirectoryNameOf("@test/same@1.0.0", Integrity), "index.js");
        var writtenAt = File.GetLastWriteTimeUtc(file);
        await Task.Delay(20);

        await cache.StoreAsync("@test/same@1.0.0", Integrity, tarball, CancellationToken.None);

        Assert.Equal(writtenAt, File.GetLastWriteTimeUtc(file));
        Assert.Equal(10, cache.CachedBytes);
        Assert.Single(Directory.EnumerateDirectories(_root));
    }

    [Fact]
    public async Task FirstUse_AfterAnEarlierRun_CountsItsBundlesAndDeletesWhatItLeftHalfDone()
    {
        var kept = Directory.CreateDirectory(Path.Combine(_root, WidgetCache.DirectoryNameOf("@test/kept@1.0.0", Integrity)));
        await File.WriteAllTextAsync(Path.Combine(kept.FullName, "index.js"), "12345");
        Directory.CreateDirectory(Path.Combine(_root, ".tmp-left"));
        Directory.CreateDirectory(Path.Combine(_root, ".old-left"));
        var cache = NewCache(maxBytes: 1024 * 1024);

        var bytes = cache.CachedBytes;

        Assert.Equal(5, bytes);
        Assert.Equal([kept.FullName], Directory.EnumerateDirectories(_root));
    }

    private WidgetCache NewCache(long maxBytes)
    {
        var options = Options.Create(new WidgetOptions { CacheDirectory = _root, MaxCacheBytes = maxBytes });
        return new WidgetCache(new WidgetDownloader(new NoHttpClients(), options), options, TimeProvider.System, NullLogger<WidgetCache>.Instance);
    }

    // Storing never downloads; a test reaching the network fails loudly.
    private sealed class NoHttpClients : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => throw new InvalidOperationException("These tests store tarballs directly.");
    }
}
