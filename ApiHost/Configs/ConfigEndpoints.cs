using System.Text.Json;
using Cluster.ApiHost.Audit;
using Cluster.ApiHost.Hosting;
using Cluster.ApiHost.Identity;
using Cluster.ApiHost.Plugins;
using Cluster.Grains.Interfaces.Configs;
using Cluster.Runtime.Core;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cluster.ApiHost.Configs;

/// <summary>
/// Versioned configurations (seed 002's config editor): read, list, save, diff, activate, restore, delete versions, and
/// the consumers' activation results. Every route needs the admin role or the configuration's admin group
/// (<see cref="ConfigNames.AdminGroup"/>); every change is audited by the API pipeline.
/// </summary>
public static class ConfigEndpoints
{
    public static IEndpointRouteBuilder MapConfigEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var config = endpoints.MapGroup("/api/config/{name}").WithTags("Config").RequireAuthorization();
        config.MapGet("/", GetAsync);
        config.MapPost("/", SaveAsync).Accepts<JsonElement>("application/json");
        config.MapGet("/versions", VersionsAsync);
        config.MapDelete("/versions/{version}", DeleteAsync);
        config.MapPost("/activate/{version}", ActivateAsync);
        config.MapPost("/restore/{version}", RestoreAsync);
        config.MapPost("/diff", DiffPayloadAsync).Accepts<JsonElement>("application/json");
        config.MapGet("/diff", DiffVersionsAsync);
        config.MapPost("/activation-result", ReportAsync);
        config.MapGet("/settings", GetSettingsAsync);
        config.MapPut("/settings", PutSettingsAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<ConfigResponse>, ProblemHttpResult>> GetAsync(
        string name, string? version, HttpContext context, CallerGroups groups, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (await DeniedAsync(name, context, groups, cancellationToken) is { } denied)
        {
            return denied;
        }

        return await Config(cluster, name).GetAsync(version, cancellationToken) is { } document
            ? TypedResults.Ok(ConfigResponse.From(document))
            : ApiProblem.NotFound("config", version is null
                ? $"'{name}' has no active version; save one with POST /api/config/{name}."
                : $"'{name}' has no version {version}; GET /api/config/{name}/versions lists them.");
    }

    private static async Task<Results<Ok<ConfigVersionsResponse>, ProblemHttpResult>> VersionsAsync(
        string name, HttpContext context, CallerGroups groups, IClusterClient cluster, CancellationToken cancellationToken) =>
        await DeniedAsync(name, context, groups, cancellationToken)
            ?? (Results<Ok<ConfigVersionsResponse>, ProblemHttpResult>)TypedResults.Ok(ConfigVersionsResponse.From(await Config(cluster, name).GetStatusAsync(cancellationToken)));

    private static async Task<Results<Created<ConfigChangeResponse>, ProblemHttpResult>> SaveAsync(
        string name, JsonElement body, HttpContext context, CallerGroups groups, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (await DeniedAsync(name, context, groups, cancellationToken) is { } denied)
        {
            return denied;
        }

        var (save, error) = ConfigSaveBody.Read(body);
        if (save is null)
        {
            return ApiProblem.BadRequest(error!);
        }

        var request = new ConfigSaveRequest(save.DocumentJson, save.Version, save.Activate, save.Message, context.RequiredCaller().User.Id);
        var result = await Config(cluster, name).SaveAsync(request, cancellationToken);
        return Failure(result) ?? (Results<Created<ConfigChangeResponse>, ProblemHttpResult>)TypedResults.Created(
            $"/api/config/{name}?version={result.Version}", Changed(context, name, result, save.Activate ? result.Version : null));
    }

    private static Task<Results<Ok<ConfigChangeResponse>, ProblemHttpResult>> ActivateAsync(
        string name, string version, HttpContext context, CallerGroups groups, IClusterClient cluster, CancellationToken cancellationToken) =>
        ChangeAsync(name, context, groups, cluster, (config, actor) => config.ActivateAsync(version, actor, cancellationToken), activates: true, cancellationToken);

    private static Task<Results<Ok<ConfigChangeResponse>, ProblemHttpResult>> DeleteAsync(
        string name, string version, HttpContext context, CallerGroups groups, IClusterClient cluster, CancellationToken cancellationToken) =>
        ChangeAsync(name, context, groups, cluster, (config, _) => config.DeleteVersionAsync(version, cancellationToken), activates: false, cancellationToken);

    private static Task<Results<Ok<ConfigChangeResponse>, ProblemHttpResult>> RestoreAsync(
        string name, string version, bool? activate, HttpContext context, CallerGroups groups, IClusterClient cluster, CancellationToken cancellationToken) =>
        ChangeAsync(name, context, groups, cluster, (config, actor) => config.RestoreAsync(version, activate ?? true, actor, cancellationToken), activate ?? true, cancellationToken);

    private static async Task<Results<Ok<ConfigChangeResponse>, ProblemHttpResult>> DiffPayloadAsync(
        string name, JsonElement body, HttpContext context, CallerGroups groups, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (await DeniedAsync(name, context, groups, cancellationToken) is { } denied)
        {
            return denied;
        }

        var (diff, error) = ConfigSaveBody.Read(body);
        if (diff is null)
        {
            return ApiProblem.BadRequest(error!);
        }

        var result = await Config(cluster, name).DiffAsync(diff.DocumentJson, diff.BaseVersion ?? diff.Version, cancellationToken);
        return Failure(result) ?? (Results<Ok<ConfigChangeResponse>, ProblemHttpResult>)TypedResults.Ok(Response(name, result, null));
    }

    private static async Task<Results<Ok<ConfigChangeResponse>, ProblemHttpResult>> DiffVersionsAsync(
        string name, string? from, string? to, HttpContext context, CallerGroups groups, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (await DeniedAsync(name, context, groups, cancellationToken) is { } denied)
        {
            return denied;
        }

        var result = await Config(cluster, name).DiffVersionsAsync(from, to, cancellationToken);
        return Failure(result) ?? (Results<Ok<ConfigChangeResponse>, ProblemHttpResult>)TypedResults.Ok(Response(name, result, null));
    }

    private static async Task<Results<Ok<ConfigVersionsResponse>, ProblemHttpResult>> ReportAsync(
        string name, ActivationResultRequest request, HttpContext context, CallerGroups groups, IClusterClient cluster, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (await DeniedAsync(name, context, groups, cancellationToken) is { } denied)
        {
            return denied;
        }

        if (request.Version is null || request.Success is null)
        {
            return ApiProblem.BadRequest("Send {\"version\": \"1.2.3\", \"success\": true|false, \"error\": \"why it failed\", \"consumer\": \"who reports\"}.");
        }

        var caller = context.RequiredCaller();
        var reporter = string.IsNullOrWhiteSpace(request.Consumer) ? $"user {caller.User.Id}" : $"{request.Consumer[..Math.Min(request.Consumer.Length, 100)]} (user {caller.User.Id})";
        var config = Config(cluster, name);
        var result = await config.ReportActivationAsync(new ConfigActivationReport(request.Version, request.Success.Value, request.Error, reporter, timeProvider.GetUtcNow()), cancellationToken);
        return Failure(result) ?? (Results<Ok<ConfigVersionsResponse>, ProblemHttpResult>)TypedResults.Ok(ConfigVersionsResponse.From(await config.GetStatusAsync(cancellationToken)));
    }

    private static async Task<Results<Ok<ConfigSettingsRequest>, ProblemHttpResult>> GetSettingsAsync(
        string name, HttpContext context, CallerGroups groups, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (await DeniedAsync(name, context, groups, cancellationToken) is { } denied)
        {
            return denied;
        }

        var settings = await Config(cluster, name).GetSettingsAsync(cancellationToken);
        JsonElement? schema = settings.SchemaJson is null ? null : JsonDocument.Parse(settings.SchemaJson).RootElement.Clone();
        return TypedResults.Ok(new ConfigSettingsRequest(schema, new Dictionary<string, string>(settings.Variables)));
    }

    private static async Task<Results<Ok<ConfigSettingsRequest>, ProblemHttpResult>> PutSettingsAsync(
        string name, ConfigSettingsRequest request, HttpContext context, CallerGroups groups, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (await DeniedAsync(name, context, groups, cancellationToken) is { } denied)
        {
            return denied;
        }

        var schema = request.Schema is { ValueKind: not JsonValueKind.Null } element ? element.GetRawText() : null;
        var result = await Config(cluster, name).SetSettingsAsync(new ConfigSettingsInfo(schema, request.Variables ?? []), cancellationToken);
        return Failure(result) ?? (Results<Ok<ConfigSettingsRequest>, ProblemHttpResult>)TypedResults.Ok(request with { Variables = request.Variables ?? [] });
    }

    private static async Task<Results<Ok<ConfigChangeResponse>, ProblemHttpResult>> ChangeAsync(
        string name,
        HttpContext context,
        CallerGroups groups,
        IClusterClient cluster,
        Func<IConfigGrain, string, Task<ConfigChangeResult>> change,
        bool activates,
        CancellationToken cancellationToken)
    {
        if (await DeniedAsync(name, context, groups, cancellationToken) is { } denied)
        {
            return denied;
        }

        var result = await change(Config(cluster, name), context.RequiredCaller().User.Id);
        return Failure(result) ?? (Results<Ok<ConfigChangeResponse>, ProblemHttpResult>)TypedResults.Ok(Changed(context, name, result, activates ? result.Version : null));
    }

    private static IConfigGrain Config(IClusterClient cluster, string name) => cluster.GetGrain<IConfigGrain>(name);

    private static async Task<ProblemHttpResult?> DeniedAsync(string name, HttpContext context, CallerGroups groups, CancellationToken cancellationToken)
    {
        if (!ConfigNames.IsValid(name) || name.Length > ConfigNames.MaxLength)
        {
            return ApiProblem.BadRequest($"'{name}' is not a configuration name; use up to {ConfigNames.MaxLength} lower-case letters, digits and single dashes, starting with a letter.");
        }

        return ConfigAdministrators.Include(name, context.RequiredCaller(), await groups.NamesAsync(context, cancellationToken))
            ? null
            : ApiProblem.Forbidden("config", ConfigAdministrators.Describe(name));
    }

    private static ProblemHttpResult? Failure(ConfigChangeResult result) => result.Outcome switch
    {
        ConfigChangeOutcome.Done => null,
        ConfigChangeOutcome.NotFound => ApiProblem.NotFound("config", result.Detail!),
        ConfigChangeOutcome.Conflict => ApiProblem.Conflict("config", result.Detail!),
        _ => ApiProblem.Create(StatusCodes.Status400BadRequest, "bad_request:config", result.Detail!, result.Errors.Count > 0 ? result.Errors : null),
    };

    private static ConfigChangeResponse Changed(HttpContext context, string name, ConfigChangeResult result, string? active)
    {
        context.Features.Set(new AuditDetail($"version={result.Version}"));
        return Response(name, result, active);
    }

    private static ConfigChangeResponse Response(string name, ConfigChangeResult result, string? active) =>
        new(name, result.Version, result.BaseVersion, active, result.Diff);
}
