using Cluster.ApiHost.Hosting;
using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Widgets;
using Cluster.Runtime.Core;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Cluster.ApiHost.Widgets;

/// <summary>
/// The widget registry: administrators register bundles by scoped npm package and version; every signed-in user lists
/// them and loads their files, served from this host's verified cache.
/// </summary>
public static class WidgetEndpoints
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static IEndpointRouteBuilder MapWidgetEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var widgets = endpoints.MapGroup("/api/widgets").WithTags("Widgets").RequireAuthorization();
        widgets.MapGet("/", ListAsync);
        widgets.MapGet("/{scope}/{name}/{version}/files/{**path}", FileAsync);

        var admin = endpoints.MapGroup("/api/admin/widgets").WithTags("Widgets").RequireAuthorization(IdentityPolicies.Admin);
        admin.MapPost("/", RegisterAsync);
        admin.MapDelete("/{scope}/{name}/{version}", RemoveAsync);
        return endpoints;
    }

    private static async Task<Ok<WidgetBundleResponse[]>> ListAsync(IClusterClient cluster, CancellationToken cancellationToken) =>
        TypedResults.Ok((await Registry(cluster).ListAsync(cancellationToken)).Select(WidgetBundleResponse.From).ToArray());

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> FileAsync(
        string scope, string name, string version, string? path, HttpContext context, IClusterClient cluster, WidgetCache cache, CancellationToken cancellationToken)
    {
        var package = $"{scope}/{name}";
        if (await Registry(cluster).GetAsync(package, version, cancellationToken) is not { } bundle)
        {
            return ApiProblem.NotFound("widgets", $"No widget bundle {package}@{version} is registered; GET /api/widgets lists them.");
        }

        // Only the files the verified archive held are served, which also rules out any path leaving the bundle.
        var relative = path ?? string.Empty;
        if (!bundle.Files.Contains(relative, StringComparer.Ordinal))
        {
            return ApiProblem.NotFound("widgets", $"{package}@{version} has no file '{relative}'.");
        }

        FileStream file;
        try
        {
            file = await OpenAsync(cache, bundle, relative, cancellationToken);
        }
        catch (WidgetException exception)
        {
            return WidgetProblems.Of(exception);
        }

        // A version re-registered with other contents keeps its URL, so browsers revalidate; the integrity is the ETag.
        var contentType = ContentTypes.TryGetContentType(relative, out var known) ? known : "application/octet-stream";
        context.Response.Headers.CacheControl = "private, no-cache";
        var tag = new EntityTagHeaderValue($"\"{WidgetCache.DirectoryNameOf(bundle.Key, bundle.Integrity)}\"");
        return TypedResults.File(file, contentType, lastModified: bundle.RegisteredAt, entityTag: tag, enableRangeProcessing: true);
    }

    // The file is opened here, not when the response is written: once open, evicting its bundle cannot cut it off. A
    // bundle evicted between the cache's answer and the open is fetched once more.
    private static async Task<FileStream> OpenAsync(WidgetCache cache, WidgetBundleInfo bundle, string relative, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var directory = await cache.EnsureAsync(bundle, cancellationToken);
            try
            {
                return new FileStream(Path.Combine(directory, relative), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 4096, useAsync: true);
            }
            catch (Exception exception) when (attempt == 1 && exception is FileNotFoundException or DirectoryNotFoundException)
            {
            }
        }
    }

    private static async Task<Results<Created<WidgetBundleResponse>, ProblemHttpResult>> RegisterAsync(
        WidgetRegistrationRequest request, HttpContext context, WidgetRegistrar registrar, CancellationToken cancellationToken)
    {
        try
        {
            var bundle = await registrar.RegisterAsync(request.Package, request.Version, request.Integrity, context.RequiredCaller().User.Id, cancellationToken);
            return TypedResults.Created($"/api/widgets/{bundle.Package}/{bundle.Version}/files/", WidgetBundleResponse.From(bundle));
        }
        catch (WidgetException exception)
        {
            return WidgetProblems.Of(exception);
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        string scope, string name, string version, IClusterClient cluster, WidgetCache cache, CancellationToken cancellationToken)
    {
        var package = $"{scope}/{name}";
        var bundle = await Registry(cluster).GetAsync(package, version, cancellationToken);
        if (bundle is null || !await Registry(cluster).RemoveAsync(package, version, cancellationToken))
        {
            return ApiProblem.NotFound("widgets", $"No widget bundle {package}@{version} is registered.");
        }

        cache.Remove(bundle);
        return TypedResults.NoContent();
    }

    private static IWidgetRegistryGrain Registry(IClusterClient cluster) => cluster.GetGrain<IWidgetRegistryGrain>(IWidgetRegistryGrain.Key);
}
