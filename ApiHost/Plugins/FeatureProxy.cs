using System.Collections.Concurrent;
using System.Net;
using Cluster.ApiHost.Hosting;
using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Identity;
using Cluster.Grains.Interfaces.Plugins;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;

namespace Cluster.ApiHost.Plugins;

/// <summary>
/// Forwards a feature API call to its service and the answer back, streaming both bodies (an upload is never held
/// whole, an SSE response reaches the client event by event), with the caller's identity added as headers the client
/// cannot set. Each service has its own circuit breaker, so a failing service answers 502 at once instead of tying up
/// requests, and others are not affected.
/// </summary>
public sealed partial class FeatureProxy(IHttpClientFactory httpClients, IOptions<FeatureProxyOptions> options, TimeProvider timeProvider, ILogger<FeatureProxy> logger)
{
    /// <summary>The name of the <see cref="HttpClient"/> it uses.</summary>
    public const string HttpClientName = "feature-proxy";

    private const int CopyBufferBytes = 64 * 1024;

    private readonly ConcurrentDictionary<string, ResiliencePipeline<HttpResponseMessage>> _circuits = new(StringComparer.Ordinal);

    /// <summary>
    /// Sends the request to <paramref name="targetPrefix"/> (such as <c>api</c>) and <paramref name="targetPath"/> after it
    /// (still percent-encoded, query included, such as <c>/items?page=2</c>) under the service's base URL
    /// and copies the answer to the response; the result is null when the answer was copied, or the problem to send.
    /// </summary>
    public async Task<IResult?> ForwardAsync(HttpContext context, ServiceInfo service, string targetPrefix, string targetPath, IReadOnlySet<string> groupNames)
    {
        // Resolved, the URL must stay under {base}/{prefix}/: '..' segments, and '\' (which Uri reads as '/'), must not
        // reach the service's /plugin/settings or /health, whatever the encoding.
        var target = new Uri(service.BaseUrl, targetPrefix + targetPath);
        var allowed = new Uri(service.BaseUrl, targetPrefix + "/").AbsolutePath;
        if (targetPath.Contains('\\', StringComparison.Ordinal) || !(target.AbsolutePath + "/").StartsWith(allowed, StringComparison.Ordinal))
        {
            return ApiProblem.BadRequest($"The path must stay under the service's /{targetPrefix}/; remove '..' segments and backslashes.");
        }

        using var request = CreateRequest(context, target, groupNames);
        HttpResponseMessage response;
        try
        {
            response = await Circuit(service.Id).ExecuteAsync(token => SendAsync(request, token), context.RequestAborted);
        }
        catch (BrokenCircuitException)
        {
            return ApiProblem.Create(
                StatusCodes.Status502BadGateway,
                "bad_gateway:plugin",
                $"The service '{service.Id}' failed repeatedly; calls to it are paused for up to {options.Value.CircuitBreakDuration.TotalSeconds:0} s.");
        }
        catch (TimeoutException exception)
        {
            LogFailed(logger, service.Id, exception.Message);
            return ApiProblem.Create(StatusCodes.Status504GatewayTimeout, "gateway_timeout:plugin", $"The service '{service.Id}' sent no response in time ({exception.Message}).");
        }
        catch (HttpRequestException exception)
        {
            LogFailed(logger, service.Id, exception.HttpRequestError.ToString());
            return ApiProblem.Create(StatusCodes.Status502BadGateway, "bad_gateway:plugin", $"The service '{service.Id}' could not be reached ({exception.HttpRequestError}).");
        }

        using (response)
        {
            await CopyResponseAsync(context, response);
        }

        return null;
    }

    private async ValueTask<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var timeout = options.Value.ResponseTimeout;
        using var headersTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // The wait for headers starts once the body is sent: a large upload takes as long as the client sends it.
        if (request.Content is ForwardedBody body)
        {
            body.Sent = () => headersTimeout.CancelAfter(timeout);
        }
        else
        {
            headersTimeout.CancelAfter(timeout);
        }

        try
        {
            return await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, headersTimeout.Token);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no response headers within {timeout.TotalSeconds:0.###} s", exception);
        }
    }

    private static HttpRequestMessage CreateRequest(HttpContext context, Uri target, IReadOnlySet<string> groupNames)
    {
        var incoming = context.Request;
        var request = new HttpRequestMessage(new HttpMethod(incoming.Method), target) { Version = HttpVersion.Version11 };
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? incoming.ContentLength > 0)
        {
            request.Content = new ForwardedBody(incoming.Body, incoming.ContentLength, CopyBufferBytes);
        }

        var connectionTokens = ProxyHeaders.ConnectionTokens(incoming.Headers.Connection);
        foreach (var (name, values) in incoming.Headers)
        {
            if (ProxyHeaders.IsForwarded(name, connectionTokens) && !request.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values);
            }
        }

        var user = context.RequiredCaller().User;
        request.Headers.TryAddWithoutValidation(ProxyHeaders.UserId, user.Id);
        request.Headers.TryAddWithoutValidation(ProxyHeaders.UserGroups, string.Join(',', groupNames.Order(StringComparer.Ordinal).Select(Uri.EscapeDataString)));
        request.Headers.TryAddWithoutValidation(ProxyHeaders.UserRole, user.Role == UserRole.Admin ? IdentityNames.Admin : IdentityNames.User);
        request.Headers.TryAddWithoutValidation(CorrelationId.HeaderName, context.TraceIdentifier);
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", context.Connection.RemoteIpAddress?.ToString());
        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", incoming.Scheme);
        request.Headers.TryAddWithoutValidation("X-Forwarded-Host", incoming.Host.Value);
        return request;
    }

    private static async Task CopyResponseAsync(HttpContext context, HttpResponseMessage response)
    {
        var outgoing = context.Response;
        outgoing.StatusCode = (int)response.StatusCode;
        var connectionTokens = ProxyHeaders.ConnectionTokens(response.Headers.Connection);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (ProxyHeaders.IsReturned(name, connectionTokens))
            {
                outgoing.Headers[name] = values.ToArray();
            }
        }

        // Without this a response compressed or buffered further in would hold events back.
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
        var buffer = new byte[CopyBufferBytes];
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                await outgoing.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
                await outgoing.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; disposing the response closes the service's side too.
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException && !context.RequestAborted.IsCancellationRequested)
        {
            // The service broke off mid-body: headers are sent, so the only honest signal left is to abort the client's connection.
            context.Abort();
        }
    }

    private ResiliencePipeline<HttpResponseMessage> Circuit(string serviceId) => _circuits.GetOrAdd(serviceId, _ =>
    {
        var settings = options.Value;
        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutException>()
                    .HandleResult(response => response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout),
                FailureRatio = settings.CircuitFailureRatio,
                MinimumThroughput = 5,
                SamplingDuration = settings.CircuitSamplingDuration,
                BreakDuration = settings.CircuitBreakDuration,
            })
            .Build();
    });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forwarding to feature service {ServiceId} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string serviceId, string reason);
}
