using Cluster.ApiHost.Hosting;
using Cluster.ApiHost.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Cluster.ApiHost.Sockets;

/// <summary>The WebSocket package protocol of ../shared/contracts/websocket.md on <c>/web</c>, and the list of its packages.</summary>
public static class PackageSocketEndpoints
{
    /// <summary>The path clients connect to.</summary>
    public const string Path = "/web";

    public static IEndpointRouteBuilder MapPackageSocketEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var web = endpoints.MapGroup(Path).WithTags("WebSocket");
        web.MapGet(string.Empty, ConnectAsync).ExcludeFromDescription();
        web.MapGet("/packages", ListPackages);
        return endpoints;
    }

    // The handshake's refusals come before the upgrade, as HTTP answers: a client learns why without a socket.
    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> ConnectAsync(
        string? format, HttpContext context, PackageSocketHost host, IOptions<HttpSecurityOptions> http, CancellationToken cancellationToken)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return ApiProblem.BadRequest("/web speaks the WebSocket package protocol: connect with a WebSocket client (ws:// or wss://).");
        }

        var origin = context.Request.Headers[HeaderNames.Origin].ToString();
        if (origin.Length > 0 && !http.Value.AllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase))
        {
            return ApiProblem.Forbidden($"The origin '{origin}' may not open WebSockets here; add it to {HttpSecurityOptions.SectionName}:AllowedOrigins.");
        }

        PackageFormat? chosen = format switch
        {
            null or "json" => PackageFormat.Json,
            "protobuf" => PackageFormat.Protobuf,
            _ => null,
        };
        if (chosen is null)
        {
            return ApiProblem.BadRequest($"format is '{format}'; use json (the default) or protobuf.");
        }

        var token = PackageSocketTokens.FromQuery(context.Request.Query) ?? BearerHeaderToken(context.Request);
        AuthenticatedCaller? caller = null;
        if (token is not null && (token.Length == 0 || (caller = (await host.Authenticator.AuthenticateAsync(token, fromCookie: false, cancellationToken)).Caller) is null))
        {
            return ApiProblem.Unauthorized("The access token is missing, malformed, expired or revoked; sign in again and pass it as ?Authorization=Bearer%20<token> or ?token=<token>.");
        }

        var keepAlive = host.Options.KeepAliveInterval;
        var socket = await context.WebSockets.AcceptWebSocketAsync(keepAlive == TimeSpan.Zero
            ? new WebSocketAcceptContext { KeepAliveInterval = Timeout.InfiniteTimeSpan }
            : new WebSocketAcceptContext { KeepAliveInterval = keepAlive, KeepAliveTimeout = keepAlive });
        await host.RunAsync(socket, chosen.Value, caller, token, context.RequestAborted);
        return TypedResults.Empty;
    }

    private static Ok<PackageInfoResponse[]> ListPackages(PackageSocketHost host) => TypedResults.Ok(host.Packages.Describe().ToArray());

    // Non-browser clients may send the header instead; a cookie never opens a socket (another site's page could).
    private static string? BearerHeaderToken(HttpRequest request) =>
        request.Headers.Authorization is [{ } value] ? PackageSocketTokens.FromAuthorization(value, schemeRequired: true) ?? string.Empty : null;
}
