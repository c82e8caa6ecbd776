using System.Formats.Tar;
using System.IO.Compression;
using Cluster.ApiHost.Widgets;

namespace Cluster.ApiHost.Tests.Widgets;

public sealed class WidgetArchiveTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cluster-widget-archive", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Extract_NpmTarball_WritesFilesWithoutThePackagePrefix()
    {
        var tarball = NpmRegistry.Tarball(("package/index.js", "a"), ("package/lib/util.js", "bc"));

        var (files, bytes) = await ExtractAsync(tarball, new WidgetOptions());

        Assert.Equal(["index.js", "lib/util.js"], files);
        Assert.Equal(3, bytes);
        Assert.Equal("bc", await File.ReadAllTextAsync(Path.Combine(_root, "bundle", "lib", "util.js")));
    }

    [Fact]
    public async Task Extract_SymbolicLink_IsRefused()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "package/passwd") { LinkName = "/etc/passwd" });
        }

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ExtractAsync(buffer.ToArray(), new WidgetOptions()));

        Assert.Contains("SymbolicLink", error.Message);
    }

    [Fact]
    public async Task Extract_OverTheLimits_IsRefusedNamingTheSetting()
    {
        var many = NpmRegistry.Tarball(("package/a.js", "1"), ("package/b.js", "2"), ("package/c.js", "3"));
        var large = NpmRegistry.Tarball(("package/a.js", new string('x', 5000)));

        var files = await Assert.ThrowsAsync<InvalidDataException>(() => ExtractAsync(many, new WidgetOptions { MaxFiles = 2 }));
        var bytes = await Assert.ThrowsAsync<InvalidDataException>(() => ExtractAsync(large, new WidgetOptions { MaxExtractedBytes = 1024 }));

        Assert.Contains("Widgets:MaxFiles", files.Message);
        Assert.Contains("Widgets:MaxExtractedBytes", bytes.Message);
    }

    private async Task<(IReadOnlyList<string> Files, long Bytes)> ExtractAsync(byte[] tarball, WidgetOptions options)
    {
        using var input = new MemoryStream(tarball);
        return await WidgetArchive.ExtractAsync(input, Path.Combine(_root, "bundle"), options, CancellationToken.None);
    }
}
