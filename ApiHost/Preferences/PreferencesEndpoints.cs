using System.Text.Json;
using Cluster.ApiHost.Hosting;
using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Users;
using Cluster.Runtime.Core;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cluster.ApiHost.Preferences;

/// <summary>
/// The dashboard preferences of seed 002: one JSON document per user, changed by JSON Merge Patch (RFC 7396) so a save
/// never drops unrelated fields, under the administrators' defaults, with keys they locked. The document is the same as
/// the <c>ui</c> of <c>/api/users/me/preferences</c>. Reads carry the <c>shared_workspace_library</c> (<see cref="SharedWorkspaceLibrary"/>).
/// </summary>
public static class PreferencesEndpoints
{
    public static IEndpointRouteBuilder MapPreferencesEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var preferences = endpoints.MapGroup("/api/preferences").WithTags("Preferences").RequireAuthorization();
        preferences.MapGet("/", GetAsync);
        preferences.MapPatch("/", PatchAsync).Accepts<JsonElement>("application/merge-patch+json", "application/json");

        var policy = endpoints.MapGroup("/api/admin/preferences/policy").WithTags("Admin").RequireAuthorization(IdentityPolicies.Admin);
        policy.MapGet("/", GetPolicyAsync);
        policy.MapPut("/", PutPolicyAsync);
        return endpoints.MapWorkspaceEndpoints();
    }

    private static async Task<Ok<EffectivePreferencesResponse>> GetAsync(HttpContext context, IClusterClient cluster, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ReadAsync(context, cluster, cancellationToken));

    private static async Task<Results<Ok<EffectivePreferencesResponse>, ProblemHttpResult>> PatchAsync(
        JsonElement patch, HttpContext context, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (patch.ValueKind != JsonValueKind.Object)
        {
            return ApiProblem.BadRequest("Send a JSON object (a JSON Merge Patch, RFC 7396) of the preferences to change; null removes one.");
        }

        var grain = Preferences(context, cluster);
        var update = await grain.PatchAsync(new PreferencesPatch(null, patch.GetRawText()), cancellationToken);
        return update.Problem is { } problem
            ? ApiProblem.BadRequest(problem)
            : TypedResults.Ok(await ReadAsync(context, cluster, cancellationToken));
    }

    private static async Task<Ok<PreferencesPolicyResponse>> GetPolicyAsync(IClusterClient cluster, CancellationToken cancellationToken) =>
        TypedResults.Ok(PreferencesPolicyResponse.From(await Policy(cluster).GetAsync(cancellationToken)));

    private static async Task<Results<Ok<PreferencesPolicyResponse>, ProblemHttpResult>> PutPolicyAsync(
        PreferencesPolicyRequest request, HttpContext context, IClusterClient cluster, CancellationToken cancellationToken)
    {
        var defaults = request.Defaults is { ValueKind: not JsonValueKind.Null } given ? given.GetRawText() : "{}";
        if (await Policy(cluster).SetAsync(defaults, request.Locked ?? [], context.RequiredCaller().User.Id, cancellationToken) is { } problem)
        {
            return ApiProblem.BadRequest(problem);
        }

        return TypedResults.Ok(PreferencesPolicyResponse.From(await Policy(cluster).GetAsync(cancellationToken)));
    }

    private static async Task<EffectivePreferencesResponse> ReadAsync(HttpContext context, IClusterClient cluster, CancellationToken cancellationToken)
    {
        var preferences = Preferences(context, cluster).GetEffectiveAsync(cancellationToken);
        var library = SharedWorkspaceLibrary.ReadAsync(cluster, context.RequiredCaller().User, cancellationToken);
        return EffectivePreferencesResponse.From(await preferences, await library);
    }

    private static IPreferencesGrain Preferences(HttpContext context, IClusterClient cluster) => cluster.GetGrain<IPreferencesGrain>(context.RequiredCaller().User.Id);

    private static IPreferencesPolicyGrain Policy(IClusterClient cluster) => cluster.GetGrain<IPreferencesPolicyGrain>(IPreferencesPolicyGrain.Key);
}
