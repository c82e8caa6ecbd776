using System.Text.Json;
using Cluster.ApiHost.Audit;
using Cluster.ApiHost.Hosting;
using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Plugins;
using Cluster.Runtime.Core;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cluster.ApiHost.Plugins;

/// <summary>
/// Plugins as their manifests describe them, shown only to callers that <see cref="PluginAccess"/> lets see them;
/// settings read from and changed on the plugin's service, secrets masked, changes validated first.
/// </summary>
public static class PluginEndpoints
{
    public static IEndpointRouteBuilder MapPluginEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var plugins = endpoints.MapGroup("/api/plugins").WithTags("Plugins").RequireAuthorization();
        plugins.MapGet("/", ListAsync);
        plugins.MapGet("/{id}/manifest", GetManifestAsync);
        plugins.MapGet("/{id}/settings", GetSettingsAsync);
        plugins.MapPatch("/{id}/settings", PatchSettingsAsync).Accepts<JsonElement>("application/merge-patch+json", "application/json");
        return endpoints;
    }

    private static async Task<Ok<PluginResponse[]>> ListAsync(HttpContext context, PluginCatalog catalog, CallerGroups groups, CancellationToken cancellationToken)
    {
        var caller = context.RequiredCaller();
        var names = await groups.NamesAsync(context, cancellationToken);
        var visible = catalog.All
            .Where(service => service.Manifest is { } manifest && PluginAccess.CanSee(manifest, caller, names))
            .Select(service => PluginResponse.From(
                service, service.Manifest!, PluginAccess.CanUse(service.Manifest!, caller, names), PluginAccess.CanAdminister(service.Id, caller, names)));
        return TypedResults.Ok(visible.ToArray());
    }

    private static async Task<Results<Ok<PluginManifestResponse>, ProblemHttpResult>> GetManifestAsync(
        string id, HttpContext context, PluginCatalog catalog, CallerGroups groups, CancellationToken cancellationToken) =>
        await FindVisibleAsync(id, context, catalog, groups, cancellationToken) is { } plugin
            ? TypedResults.Ok(PluginManifestResponse.From(plugin.Service, plugin.Manifest))
            : NotFound(id);

    private static async Task<Results<Ok<JsonElement>, ProblemHttpResult>> GetSettingsAsync(
        string id, HttpContext context, PluginCatalog catalog, CallerGroups groups, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (await FindVisibleAsync(id, context, catalog, groups, cancellationToken) is not { } plugin)
        {
            return NotFound(id);
        }

        var result = await cluster.GetGrain<IPluginSettingsGrain>(id).GetAsync(plugin.Service.BaseUrl, plugin.Manifest, cancellationToken);
        return ResultOf(id, result);
    }

    private static async Task<Results<Ok<JsonElement>, ProblemHttpResult>> PatchSettingsAsync(
        string id, JsonElement patch, HttpContext context, PluginCatalog catalog, CallerGroups groups, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (await FindVisibleAsync(id, context, catalog, groups, cancellationToken) is not { } plugin)
        {
            return NotFound(id);
        }

        if (!PluginAccess.CanAdminister(id, context.RequiredCaller(), await groups.NamesAsync(context, cancellationToken)))
        {
            return ApiProblem.Forbidden("plugin", $"Changing the settings of '{id}' needs the admin role or membership of the group '{ServiceIds.AdminGroup(id)}'.");
        }

        if (patch.ValueKind != JsonValueKind.Object)
        {
            return ApiProblem.Create(StatusCodes.Status400BadRequest, "bad_request:plugin", "Send a JSON object (a JSON Merge Patch, RFC 7396) of the settings to change; null removes one.");
        }

        var result = await cluster.GetGrain<IPluginSettingsGrain>(id).UpdateAsync(plugin.Service.BaseUrl, plugin.Manifest, patch.GetRawText(), cancellationToken);
        if (result.Outcome == PluginSettingsOutcome.Ok)
        {
            context.Features.Set(new AuditDetail($"fields={string.Join(' ', result.ChangedFields)}"));
        }

        return ResultOf(id, result);
    }

    private static async Task<(ServiceInfo Service, PluginManifestInfo Manifest)?> FindVisibleAsync(
        string id, HttpContext context, PluginCatalog catalog, CallerGroups groups, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(id, cancellationToken) is not { Manifest: { } manifest } service)
        {
            return null;
        }

        return PluginAccess.CanSee(manifest, context.RequiredCaller(), await groups.NamesAsync(context, cancellationToken)) ? (service, manifest) : null;
    }

    private static Results<Ok<JsonElement>, ProblemHttpResult> ResultOf(string id, PluginSettingsResult result) => result.Outcome switch
    {
        PluginSettingsOutcome.Ok => TypedResults.Ok(PluginJson.Parse(result.Settings)!.Value),
        PluginSettingsOutcome.NoSettings => ApiProblem.NotFound("plugin", $"The plugin '{id}' has no settings: its manifest declares no settings_schema."),
        PluginSettingsOutcome.Invalid => ApiProblem.Create(
            StatusCodes.Status400BadRequest, "bad_request:plugin", $"The change would break the settings schema of '{id}'; nothing was changed. Fix the fields listed in 'errors'.", result.Errors),
        PluginSettingsOutcome.Rejected => ApiProblem.Create(StatusCodes.Status422UnprocessableEntity, "unprocessable:plugin", $"The service '{id}' refused the change.", result.Errors),
        PluginSettingsOutcome.ServiceTimedOut => ApiProblem.Create(StatusCodes.Status504GatewayTimeout, "gateway_timeout:plugin", $"The service '{id}' did not answer in time.", result.Errors),
        _ => ApiProblem.Create(StatusCodes.Status502BadGateway, "bad_gateway:plugin", $"The service '{id}' failed.", result.Errors),
    };

    /// <summary>The answer for a plugin that does not exist or that the caller may not see: the same, so neither is revealed.</summary>
    internal static ProblemHttpResult NotFound(string id) =>
        ApiProblem.NotFound("plugin", $"There is no plugin '{id}' you can use; GET /api/plugins lists yours.");
}
