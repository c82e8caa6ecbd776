using System.Text.Json;
using Cluster.ApiHost.Audit;
using Cluster.ApiHost.Hosting;
using Cluster.ApiHost.Identity;
using Cluster.ApiHost.Plugins;
using Cluster.Grains.Interfaces.Plugins;
using Cluster.Grains.Interfaces.Settings;
using Cluster.Runtime.Core;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cluster.ApiHost.Settings;

/// <summary>
/// The administrators' settings of seeds 001/003: the AI provider and system prompts (superusers and members of
/// <c>ai-service-admin</c>), the document limits (superusers and members of <c>doc-service-admin</c>). They live in
/// <see cref="IPlatformSettingsGrain"/>, which every silo and API host reads, so a change holds at once everywhere.
/// </summary>
public static class SettingsEndpoints
{
    /// <summary>The service whose admin group administers the AI settings and system prompts.</summary>
    public const string AiService = "ai-service";

    /// <summary>The service whose admin group administers the document limits.</summary>
    public const string DocumentService = "doc-service";

    public static IEndpointRouteBuilder MapSettingsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var settings = endpoints.MapGroup("/api/settings").WithTags("Settings").RequireAuthorization();
        settings.MapGet("/ai", GetAiAsync);
        settings.MapPatch("/ai", PatchAiAsync).Accepts<JsonElement>("application/merge-patch+json", "application/json");
        settings.MapPost("/ai/test", TestAiAsync);
        settings.MapGet("/documents/limits", GetDocumentLimitsAsync);
        settings.MapPatch("/documents/limits", PatchDocumentLimitsAsync).Accepts<JsonElement>("application/merge-patch+json", "application/json");
        settings.MapGet("/system-prompts", GetSystemPromptsAsync);
        settings.MapPatch("/system-prompts/{id}", PatchSystemPromptAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<AiSettingsView>, ProblemHttpResult>> GetAiAsync(
        HttpContext context, CallerGroups groups, IClusterClient cluster, CancellationToken cancellationToken) =>
        await DeniedAsync(context, groups, AiService, cancellationToken) ?? (Results<Ok<AiSettingsView>, ProblemHttpResult>)TypedResults.Ok(await Settings(cluster).GetAiAsync(cancellationToken));

    private static async Task<Results<Ok<AiSettingsView>, ProblemHttpResult>> PatchAiAsync(
        JsonElement patch, HttpContext context, CallerGroups groups, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (await DeniedAsync(context, groups, AiService, cancellationToken) is { } denied)
        {
            return denied;
        }

        var change = await Settings(cluster).UpdateAiAsync(patch.GetRawText(), context.RequiredCaller().User.Id, cancellationToken);
        return Changed(context, change) ?? (Results<Ok<AiSettingsView>, ProblemHttpResult>)TypedResults.Ok(await Settings(cluster).GetAiAsync(cancellationToken));
    }

    private static async Task<Results<Ok<AiTestResult>, ProblemHttpResult>> TestAiAsync(
        HttpContext context, CallerGroups groups, IClusterClient cluster, CancellationToken cancellationToken) =>
        await DeniedAsync(context, groups, AiService, cancellationToken) ?? (Results<Ok<AiTestResult>, ProblemHttpResult>)TypedResults.Ok(await Settings(cluster).TestAiAsync(cancellationToken));

    private static async Task<Results<Ok<DocumentLimitsInfo>, ProblemHttpResult>> GetDocumentLimitsAsync(
        HttpContext context, CallerGroups groups, IClusterClient cluster, CancellationToken cancellationToken) =>
        await DeniedAsync(context, groups, DocumentService, cancellationToken)
            ?? (Results<Ok<DocumentLimitsInfo>, ProblemHttpResult>)TypedResults.Ok(await Settings(cluster).GetDocumentLimitsAsync(cancellationToken));

    private static async Task<Results<Ok<DocumentLimitsInfo>, ProblemHttpResult>> PatchDocumentLimitsAsync(
        JsonElement patch, HttpContext context, CallerGroups groups, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (await DeniedAsync(context, groups, DocumentService, cancellationToken) is { } denied)
        {
            return denied;
        }

        var change = await Settings(cluster).UpdateDocumentLimitsAsync(patch.GetRawText(), context.RequiredCaller().User.Id, cancellationToken);
        return Changed(context, change) ?? (Results<Ok<DocumentLimitsInfo>, ProblemHttpResult>)TypedResults.Ok(await Settings(cluster).GetDocumentLimitsAsync(cancellationToken));
    }

    private static async Task<Results<Ok<IReadOnlyList<SystemPromptInfo>>, ProblemHttpResult>> GetSystemPromptsAsync(
        HttpContext context, CallerGroups groups, IClusterClient cluster, CancellationToken cancellationToken) =>
        await DeniedAsync(context, groups, AiService, cancellationToken)
            ?? (Results<Ok<IReadOnlyList<SystemPromptInfo>>, ProblemHttpResult>)TypedResults.Ok(await Settings(cluster).GetSystemPromptsAsync(cancellationToken));

    private static async Task<Results<Ok<SystemPromptInfo>, ProblemHttpResult>> PatchSystemPromptAsync(
        string id, JsonElement request, HttpContext context, CallerGroups groups, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (await DeniedAsync(context, groups, AiService, cancellationToken) is { } denied)
        {
            return denied;
        }

        // A missing member is not a reset: only an explicit null restores the built-in prompt.
        if (request.ValueKind != JsonValueKind.Object || !request.TryGetProperty("content", out var member) || member.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
        {
            return ApiProblem.BadRequest("Send {\"content\": \"...\"} with the new prompt, or {\"content\": null} to restore the built-in one.");
        }

        var content = member.GetString();
        if (content is { Length: > SystemPromptInfo.MaxContentLength })
        {
            return ApiProblem.BadRequest($"'content' has at most {SystemPromptInfo.MaxContentLength} characters.");
        }

        var prompt = await Settings(cluster).UpdateSystemPromptAsync(id, content, context.RequiredCaller().User.Id, cancellationToken);
        return prompt is null
            ? ApiProblem.NotFound("settings", $"There is no system prompt '{id}'; GET /api/settings/system-prompts lists them.")
            : TypedResults.Ok(prompt);
    }

    private static IPlatformSettingsGrain Settings(IClusterClient cluster) => cluster.GetGrain<IPlatformSettingsGrain>(IPlatformSettingsGrain.Key);

    private static async Task<ProblemHttpResult?> DeniedAsync(HttpContext context, CallerGroups groups, string serviceId, CancellationToken cancellationToken) =>
        PluginAccess.CanAdminister(serviceId, context.RequiredCaller(), await groups.NamesAsync(context, cancellationToken))
            ? null
            : ApiProblem.Forbidden($"These settings need the admin role or membership of the group '{ServiceIds.AdminGroup(serviceId)}'.");

    private static ProblemHttpResult? Changed(HttpContext context, SettingsChange change)
    {
        if (!change.Applied)
        {
            return ApiProblem.Create(StatusCodes.Status400BadRequest, "bad_request:api", "The change was not applied; fix the settings listed in 'errors'.", change.Errors);
        }

        context.Features.Set(new AuditDetail($"fields={string.Join(' ', change.Changed)}"));
        return null;
    }
}
