using System.Globalization;
using Cluster.ApiHost.Hosting;
using Cluster.ApiHost.Identity;
using Cluster.ApiHost.Sockets;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.RateLimiting;

/// <summary>
/// Applies the route's rate limit policy to every <c>/api</c> request and WebSocket handshake on <c>/web</c>, per user when signed in (for per-user
/// policies), else per client address: <c>X-RateLimit-Limit</c>, <c>X-RateLimit-Remaining</c> and
/// <c>X-RateLimit-Reset</c> (seconds until the window ends) on every answer; 429 with <c>Retry-After</c> once the
/// window is used up.
/// </summary>
public sealed class RateLimiting(RequestDelegate next, ClusterRateLimiter limiter, IOptions<RateLimitOptions> options, TimeProvider timeProvider)
{
    /// <summary>The headers every <c>/api</c> answer carries, for CORS to expose.</summary>
    public static readonly string[] HeaderNames = [LimitHeader, RemainingHeader, ResetHeader];

    private const string LimitHeader = "X-RateLimit-Limit";
    private const string RemainingHeader = "X-RateLimit-Remaining";
    private const string ResetHeader = "X-RateLimit-Reset";

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;

        // The WebSocket handshake counts as a request too: each one may check a token and hold a socket.
        return options.Value.Enabled && (path.StartsWithSegments("/api") || path.StartsWithSegments(PackageSocketEndpoints.Path))
            ? LimitAsync(context)
            : next(context);
    }

    private async Task LimitAsync(HttpContext context)
    {
        var settings = options.Value;

        var policyName = context.GetEndpoint()?.Metadata.GetMetadata<RateLimitPolicyMetadata>()?.Name ?? RateLimitOptions.Api;
        var partition = settings.Policies[policyName].PerUser && context.Caller() is { } caller
            ? "user:" + caller.User.Id
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        var decision = await limiter.AcquireAsync(policyName, partition, cancellationToken: context.RequestAborted);
        var untilReset = decision.ResetAt - timeProvider.GetUtcNow();
        var headers = context.Response.Headers;
        headers[LimitHeader] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        headers[RemainingHeader] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        headers[ResetHeader] = ((long)Math.Ceiling(Math.Max(0, untilReset.TotalSeconds))).ToString(CultureInfo.InvariantCulture);
        if (decision.Allowed)
        {
            await next(context);
            return;
        }

        await ApiProblem.TooManyRequests(context, "api", $"Too many requests; at most {decision.Limit} are allowed here per window. Try again after Retry-After seconds.", untilReset)
            .ExecuteAsync(context);
    }
}
