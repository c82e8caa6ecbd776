using Cluster.ApiHost.Hosting;
using Cluster.ApiHost.Identity;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Plugins;

/// <summary>
/// The feature proxy's routes: <c>/api/plugins/{id}/api/{**path}</c> to <c>{service}/api/{path}</c> for every plugin,
/// and each configured alias prefix (<see cref="FeatureProxyOptions.Aliases"/>) to the same path on its service. Only
/// paths under the service's <c>/api/</c> are reachable, never its <c>/plugin/*</c> settings or <c>/health</c>.
/// </summary>
public static class ProxyEndpoints
{
    public static IEndpointRouteBuilder MapProxyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<FeatureProxyOptions>>().Value;
        var sizeLimit = new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(options.MaxRequestBodyBytes);
        endpoints.Map("/api/plugins/{id}/api/{**path}", ForwardPluginAsync).WithTags("Plugins").RequireAuthorization().WithMetadata(sizeLimit);
        foreach (var (prefix, serviceId) in options.Aliases)
        {
            endpoints.Map($"{prefix}/{{**path}}", (HttpContext context, PluginCatalog catalog, CallerGroups groups, FeatureProxy proxy) =>
                    ForwardAsync(context, serviceId, prefix, prefix.TrimStart('/'), catalog, groups, proxy))
                .WithTags("Plugins").RequireAuthorization().WithMetadata(sizeLimit);
        }

        return endpoints;
    }

    private static Task<IResult> ForwardPluginAsync(string id, HttpContext context, PluginCatalog catalog, CallerGroups groups, FeatureProxy proxy) =>
        ForwardAsync(context, id, $"/api/plugins/{id}/api", "api", catalog, groups, proxy);

    private static async Task<IResult> ForwardAsync(
        HttpContext context, string serviceId, string routePrefix, string targetPrefix, PluginCatalog catalog, CallerGroups groups, FeatureProxy proxy)
    {
        var cancellationToken = context.RequestAborted;
        if (await catalog.FindAsync(serviceId, cancellationToken) is not { } service)
        {
            return PluginEndpoints.NotFound(serviceId);
        }

        var names = await groups.NamesAsync(context, cancellationToken);

        // A service without a manifest states no access rules: only its administrators may call it.
        var allowed = service.Manifest is { } manifest
            ? PluginAccess.CanUse(manifest, context.RequiredCaller(), names)
            : PluginAccess.CanAdminister(serviceId, context.RequiredCaller(), names);
        if (!allowed)
        {
            return PluginEndpoints.NotFound(serviceId);
        }

        // The raw target keeps the client's percent-encoding: decoding first could turn %3F into a query or %2F into a
        // segment. Servers that give none (the in-memory test server) have the path re-encoded, which keeps %XX as sent.
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } target && target[0] == '/'
            ? target
            : (context.Request.PathBase + context.Request.Path).ToUriComponent() + context.Request.QueryString.ToUriComponent();
        if (!raw.StartsWith(routePrefix, StringComparison.Ordinal) || (raw.Length > routePrefix.Length && raw[routePrefix.Length] is not ('/' or '?')))
        {
            return ApiProblem.BadRequest($"Send the path as {routePrefix}/..., with no encoded characters before the service's own path.");
        }

        return await proxy.ForwardAsync(context, service, targetPrefix, raw[routePrefix.Length..], names) ?? Results.Empty;
    }
}
