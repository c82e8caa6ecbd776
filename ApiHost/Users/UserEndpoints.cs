using System.Text.Json;
using Cluster.ApiHost.Hosting;
using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Users;
using Cluster.Runtime.Core;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cluster.ApiHost.Users;

/// <summary>The caller's own account, preferences and profile. Every route reads the caller from the token, never from the URL, so nobody reaches another user's.</summary>
public static class UserEndpoints
{
    private const string PinnedAppIds = "pinnedAppIds";
    private const string Ui = "ui";

    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var me = endpoints.MapGroup("/api/users/me").WithTags("Users").RequireAuthorization();
        me.MapGet("/", GetMe);
        me.MapGet("/preferences", GetPreferencesAsync);
        me.MapPatch("/preferences", PatchPreferencesAsync).Accepts<JsonElement>("application/merge-patch+json", "application/json");

        var profile = endpoints.MapGroup("/api/profile").WithTags("Users").RequireAuthorization();
        profile.MapGet("/", GetProfileAsync);
        profile.MapPut("/", PutProfileAsync);
        return endpoints;
    }

    private static Ok<UserResponse> GetMe(HttpContext context) => TypedResults.Ok(UserResponse.From(context.RequiredCaller().User));

    private static async Task<Ok<PreferencesResponse>> GetPreferencesAsync(HttpContext context, IClusterClient cluster, CancellationToken cancellationToken) =>
        TypedResults.Ok(PreferencesResponse.From(await Preferences(context, cluster).GetAsync(cancellationToken)));

    private static async Task<Results<Ok<PreferencesResponse>, ProblemHttpResult>> PatchPreferencesAsync(
        JsonElement patch, HttpContext context, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (PatchOf(patch) is not { } change)
        {
            return ApiProblem.BadRequest(
                $"Send a JSON object with '{PinnedAppIds}' (an array of app ids, replacing the list) and/or '{Ui}' (a JSON Merge Patch of the UI preferences, null clears them).");
        }

        var update = await Preferences(context, cluster).PatchAsync(change, cancellationToken);
        return update.Problem is { } problem ? ApiProblem.BadRequest(problem) : TypedResults.Ok(PreferencesResponse.From(update.Preferences));
    }

    private static async Task<Ok<ProfileResponse>> GetProfileAsync(HttpContext context, IClusterClient cluster, CancellationToken cancellationToken) =>
        TypedResults.Ok(ProfileResponse.From(await cluster.GetGrain<IProfileGrain>(context.RequiredCaller().User.Id).GetAsync(cancellationToken)));

    private static async Task<Results<Ok<ProfileResponse>, ValidationProblem>> PutProfileAsync(
        ProfileRequest request, HttpContext context, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (ProfileValidation.Validate(request) is { } errors)
        {
            return TypedResults.ValidationProblem(errors, extensions: ApiProblem.Extensions("bad_request:api"));
        }

        var profile = new ProfileInfo(request.DisplayName, request.Bio, request.AvatarUrl, request.Locale, request.TimeZone, null);
        return TypedResults.Ok(ProfileResponse.From(await cluster.GetGrain<IProfileGrain>(context.RequiredCaller().User.Id).ReplaceAsync(profile, cancellationToken)));
    }

    private static IPreferencesGrain Preferences(HttpContext context, IClusterClient cluster) =>
        cluster.GetGrain<IPreferencesGrain>(context.RequiredCaller().User.Id);

    /// <summary>The change a patch document asks for, or null when it has other members or ones of the wrong kind.</summary>
    private static PreferencesPatch? PatchOf(JsonElement patch)
    {
        if (patch.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        IReadOnlyList<string>? pinned = null;
        string? ui = null;
        foreach (var member in patch.EnumerateObject())
        {
            switch (member.Name, member.Value.ValueKind)
            {
                case (PinnedAppIds, JsonValueKind.Null):
                    pinned = [];
                    break;
                case (PinnedAppIds, JsonValueKind.Array) when member.Value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String):
                    pinned = [.. member.Value.EnumerateArray().Select(item => item.GetString()!)];
                    break;
                case (Ui, JsonValueKind.Object or JsonValueKind.Null):
                    ui = member.Value.GetRawText();
                    break;
                default:
                    return null;
            }
        }

        return new PreferencesPatch(pinned, ui);
    }
}
