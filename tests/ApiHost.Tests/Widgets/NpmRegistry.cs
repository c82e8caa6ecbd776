using System.Collections.Concurrent;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Cluster.ApiHost.Tests.Widgets;

/// <summary>
/// An npm registry on a loopback port: <c>GET /{package}/{version}</c> answers the version's metadata
/// (<c>dist.tarball</c>, <c>dist.integrity</c>), <c>GET /tarballs/{file}</c> the tarball. Tests publish versions with
/// whatever integrity and tarball host they need.
/// </summary>
public sealed class NpmRegistry : IAsyncDisposable
{
    private readonly Dictionary<string, (string TarballUrl, string Integrity)> _versions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _tarballs = new(StringComparer.Ordinal);
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>How many times each tarball was downloaded.</summary>
    public ConcurrentDictionary<string, int> Downloads { get; } = new(StringComparer.Ordinal);

    public static async Task<NpmRegistry> StartAsync()
    {
        var registry = new NpmRegistry();
        (registry._app, var baseUrl) = await LoopbackServer.StartAsync(app => app.Run(registry.HandleAsync));
        registry.BaseUrl = baseUrl + "/";
        return registry;
    }

    /// <summary>A gzip-compressed tar of the files (names as written, so tests can put <c>..</c> in them).</summary>
    public static byte[] Tarball(params (string Name, string Content)[] files)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            foreach (var (name, content) in files)
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) });
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The SRI sha512 of the bytes.</summary>
    public static string IntegrityOf(byte[] bytes) => "sha512-" + Convert.ToBase64String(SHA512.HashData(bytes));

    /// <summary>Publishes a version; the integrity and the tarball's host default to the true ones.</summary>
    public void Publish(string package, string version, byte[] tarball, string? integrity = null, string? tarballHost = null)
    {
        var file = $"{package.Replace('/', '-').TrimStart('@')}-{version}.tgz";
        lock (_versions)
        {
            _tarballs[file] = tarball;
            var baseUrl = tarballHost is null ? BaseUrl : BaseUrl.Replace("127.0.0.1", tarballHost, StringComparison.Ordinal);
            _versions[$"/{package}/{version}"] = ($"{baseUrl}tarballs/{file}", integrity ?? IntegrityOf(tarball));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        // The registry's URLs escape the scope's slash (@scope%2fname); compare the unescaped path.
        var path = Uri.UnescapeDataString(context.Request.Path.Value ?? string.Empty);
        byte[]? tarball = null;
        (string TarballUrl, string Integrity) metadata = default;
        var found = false;
        lock (_versions)
        {
            if (path.StartsWith("/tarballs/", StringComparison.Ordinal) && _tarballs.TryGetValue(path["/tarballs/".Length..], out tarball))
            {
                Downloads.AddOrUpdate(path, 1, (_, count) => count + 1);
            }
            else
            {
                found = _versions.TryGetValue(path, out metadata);
            }
        }

        if (tarball is not null)
        {
            context.Response.ContentType = "application/octet-stream";
            await context.Response.Body.WriteAsync(tarball);
        }
        else if (found)
        {
            await context.Response.WriteAsJsonAsync(new { dist = new { tarball = metadata.TarballUrl, integrity = metadata.Integrity } });
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
