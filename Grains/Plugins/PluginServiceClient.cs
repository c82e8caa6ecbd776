using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Cluster.Grains.Interfaces.Plugins;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Plugins;

/// <summary>
/// The silos' HTTP client of feature services: health checks, manifests and settings, each under
/// <see cref="PluginOptions.RequestTimeout"/> and with bodies read only up to their size limit.
/// </summary>
public sealed class PluginServiceClient(IHttpClientFactory httpClients, IOptions<PluginOptions> options)
{
    /// <summary>The name of the <see cref="HttpClient"/> it uses.</summary>
    public const string HttpClientName = "plugins";

    private const string JsonMediaType = "application/json";

    /// <summary>The largest settings document sent or read, in bytes.</summary>
    public int MaxSettingsBytes => options.Value.MaxSettingsBytes;

    /// <summary>Runs <c>GET {base}/health</c>.</summary>
    public async Task<ServiceProbe> ProbeAsync(Uri baseUrl, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var reply = await SendAsync(HttpMethod.Get, ServiceUrls.Under(baseUrl, "health"), body: null, maxBytes: 64 * 1024, cancellationToken);
        var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return reply switch
        {
            { IsSuccess: true } => new ServiceProbe(true, latency, null),
            { TimedOut: true } => new ServiceProbe(false, null, reply.Failure),
            { Failure: not null } => new ServiceProbe(false, latency, reply.Failure),
            _ => new ServiceProbe(false, latency, $"GET /health answered {(int)reply.Status!}."),
        };
    }

    /// <summary>Runs <c>GET {base}/plugin/manifest</c>.</summary>
    public Task<ServiceReply> GetManifestAsync(Uri baseUrl, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, ServiceUrls.Under(baseUrl, "plugin/manifest"), body: null, options.Value.MaxManifestBytes, cancellationToken);

    /// <summary>Runs <c>GET {base}/plugin/settings</c>.</summary>
    public Task<ServiceReply> GetSettingsAsync(Uri baseUrl, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, ServiceUrls.Under(baseUrl, "plugin/settings"), body: null, options.Value.MaxSettingsBytes, cancellationToken);

    /// <summary>Runs <c>PATCH {base}/plugin/settings</c> with a JSON Merge Patch.</summary>
    public Task<ServiceReply> PatchSettingsAsync(Uri baseUrl, string patch, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, ServiceUrls.Under(baseUrl, "plugin/settings"), patch, options.Value.MaxSettingsBytes, cancellationToken);

    private async Task<ServiceReply> SendAsync(HttpMethod method, Uri url, string? body, int maxBytes, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.RequestTimeout);
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(JsonMediaType));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, JsonMediaType);
        }

        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.Content.Headers.ContentLength > maxBytes)
            {
                return new ServiceReply(response.StatusCode, null, $"{method} {url.AbsolutePath} answered more than {maxBytes} bytes.");
            }

            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, timeout.Token)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return new ServiceReply(response.StatusCode, null, $"{method} {url.AbsolutePath} answered more than {maxBytes} bytes.");
                }

                buffer.Write(chunk, 0, read);
            }

            return new ServiceReply(response.StatusCode, Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ServiceReply(null, null, $"{method} {url.AbsolutePath} took longer than {options.Value.RequestTimeout.TotalSeconds:0.###} s.", TimedOut: true);
        }
        catch (HttpRequestException exception)
        {
            return new ServiceReply(null, null, $"{method} {url.AbsolutePath} failed: {exception.HttpRequestError}.");
        }
    }
}
