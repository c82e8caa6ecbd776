using System.Net.WebSockets;
using Cluster.ApiHost.Identity;
using Cluster.ApiHost.RateLimiting;
using Cluster.Runtime.Core;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Sockets;

/// <summary>What every <c>/web</c> connection of this host shares: the packages, limits and services.</summary>
public sealed class PackageSocketHost(
    PackageRegistry packages,
    AccessTokenAuthenticator authenticator,
    ClusterRateLimiter limiter,
    IClusterClient cluster,
    IOptions<PackageSocketOptions> options,
    IOptions<RateLimitOptions> rateLimits,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory)
{
    internal PackageRegistry Packages => packages;

    internal AccessTokenAuthenticator Authenticator => authenticator;

    internal ClusterRateLimiter Limiter => limiter;

    internal IClusterClient Cluster => cluster;

    internal PackageSocketOptions Options => options.Value;

    internal bool RateLimited => rateLimits.Value.Enabled;

    internal TimeProvider TimeProvider => timeProvider;

    internal ILogger Logger { get; } = loggerFactory.CreateLogger<PackageConnection>();

    /// <summary>
    /// Serves an accepted socket until it closes: <paramref name="caller"/> and <paramref name="token"/> when the URL
    /// carried the token, else null for both and the auth frame is awaited.
    /// </summary>
    public Task RunAsync(WebSocket socket, PackageFormat format, AuthenticatedCaller? caller, string? token, CancellationToken aborted) =>
        new PackageConnection(this, socket, format, caller, token).RunAsync(aborted);
}
