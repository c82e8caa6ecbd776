using System.Net;
using System.Text.Json;
using Cluster.Grains.Outbound;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Widgets;

/// <summary>
/// Reads a package version's metadata from the npm registry and downloads its tarball, only from
/// <see cref="WidgetOptions.AllowedHosts"/>, within the size limit, checking the bytes against the SRI sha512 integrity.
/// </summary>
public sealed class WidgetDownloader(IHttpClientFactory httpClients, IOptions<WidgetOptions> options)
{
    public const string HttpClientName = "widgets";

    // A version's metadata document is a few KiB; a registry sending more is misbehaving.
    private const long MaxMetadataBytes = 1024 * 1024;

    /// <summary>The tarball URL and integrity the registry gives for the version.</summary>
    /// <exception cref="WidgetException">The registry does not answer usefully; the message says why.</exception>
    public async Task<(Uri Tarball, string Integrity)> ResolveAsync(string package, string version, CancellationToken cancellationToken)
    {
        var registry = options.Value.Registry;
        var url = new Uri(registry, $"{Uri.EscapeDataString(package)}/{Uri.EscapeDataString(version)}");
        var body = await GetAsync(url, MaxMetadataBytes, cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(body);
            var dist = document.RootElement.GetProperty("dist");
            var tarball = dist.GetProperty("tarball").GetString();
            var integrity = dist.TryGetProperty("integrity", out var element) ? element.GetString() : null;
            if (!Uri.TryCreate(tarball, UriKind.Absolute, out var tarballUrl))
            {
                throw new WidgetException(WidgetFailure.Registry, $"The registry gives no usable tarball URL for {package}@{version}.");
            }

            if (!SriIntegrity.HasSha512(integrity))
            {
                throw new WidgetException(WidgetFailure.Registry, $"The registry gives no sha512 integrity for {package}@{version}; bundles are only served verified.");
            }

            return (tarballUrl, integrity!);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new WidgetException(WidgetFailure.Registry, $"The registry's metadata for {package}@{version} has no dist.tarball.");
        }
    }

    /// <summary>The tarball's bytes, after they matched <paramref name="integrity"/>.</summary>
    /// <exception cref="WidgetException">The host is not allowed, the download fails or is too large, or the bytes do not match.</exception>
    public async Task<byte[]> DownloadAsync(Uri tarball, string integrity, CancellationToken cancellationToken)
    {
        var bytes = await GetAsync(tarball, options.Value.MaxTarballBytes, cancellationToken);
        if (!SriIntegrity.Matches(integrity, bytes))
        {
            throw new WidgetException(WidgetFailure.Integrity, $"The tarball from {tarball} does not match its integrity {integrity}; it was not used.");
        }

        return bytes;
    }

    private async Task<byte[]> GetAsync(Uri url, long maxBytes, CancellationToken cancellationToken)
    {
        if (!options.Value.Allows(url))
        {
            throw new WidgetException(WidgetFailure.HostNotAllowed, $"Downloads from '{url.IdnHost}' are not allowed; add the host to Widgets:AllowedHosts if it is trusted.");
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Value.RequestTimeout);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).GetAsync(url, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new WidgetException(WidgetFailure.NotFound, $"{url} answered 404: the registry has no such package or version; check the name and the exact version.");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new WidgetException(WidgetFailure.Registry, $"{url} answered {(int)response.StatusCode}.");
            }

            return await BoundedContent.ReadAsync(response.Content, maxBytes, deadline.Token)
                ?? throw new WidgetException(WidgetFailure.TooLarge, $"{url} sends more than {maxBytes} bytes{(maxBytes == MaxMetadataBytes ? string.Empty : " (Widgets:MaxTarballBytes)")}.");
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            throw new WidgetException(WidgetFailure.Registry, $"{url} could not be read: {exception.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WidgetException(WidgetFailure.Registry, $"{url} did not answer within {options.Value.RequestTimeout} (Widgets:RequestTimeout).");
        }
    }
}
