using System.Text.Json;
using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Identity;

namespace Cluster.ApiHost.Oidc;

/// <summary>Reads an external identity from a validated token's payload, by the provider's settings.</summary>
internal static class OidcClaimMapper
{
    private const string AuthorizedPartyPlaceholder = "{azp}";

    // OpenID Connect Core 1.0 §2: at most 255 ASCII characters.
    private const int MaxSubjectLength = 255;

    /// <summary>The identity the payload describes; null when it names no usable subject.</summary>
    public static ExternalIdentity? Map(JsonElement payload, string issuer, OidcProviderOptions provider)
    {
        if (StringOf(payload, "sub") is not { Length: > 0 and <= MaxSubjectLength } subject)
        {
            return null;
        }

        var email = StringOf(payload, provider.EmailClaim)?.Trim();
        var verified = provider.TrustEmails || IsTrue(payload, "email_verified");
        var verifiedEmail = verified && email is not null && EmailRules.Problem(email) is null ? email : null;

        UserRole? role = null;
        if (OidcProviderOptions.Split(provider.RoleClaims) is [_, ..] rolePaths)
        {
            var admin = OidcProviderOptions.Split(provider.AdminRoles);
            role = Values(payload, rolePaths).Any(value => admin.Contains(value, StringComparer.Ordinal)) ? UserRole.Admin : UserRole.User;
        }

        var groups = OidcProviderOptions.Split(provider.GroupClaims) is [_, ..] groupPaths
            ? Values(payload, groupPaths).Take(ExternalIdentity.MaxGroupNames).ToList()
            : null;
        return new ExternalIdentity(issuer, subject, verifiedEmail, provider.LinkByEmail, role, groups);
    }

    /// <summary>The strings at each path: a string value, or the strings of an array.</summary>
    private static IEnumerable<string> Values(JsonElement payload, IEnumerable<string> paths)
    {
        var authorizedParty = StringOf(payload, "azp");
        foreach (var path in paths)
        {
            if (Find(payload, path, authorizedParty) is not { } value)
            {
                continue;
            }

            if (value.ValueKind == JsonValueKind.String)
            {
                yield return value.GetString()!;
            }
            else if (value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in value.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String))
                {
                    yield return item.GetString()!;
                }
            }
        }
    }

    private static JsonElement? Find(JsonElement payload, string path, string? authorizedParty)
    {
        // A claim named with dots (as some providers do) is found whole before the path is followed.
        if (payload.TryGetProperty(path, out var whole))
        {
            return whole;
        }

        var current = payload;
        foreach (var segment in path.Split('.'))
        {
            var name = segment == AuthorizedPartyPlaceholder ? authorizedParty : segment;
            if (name is null || current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current;
    }

    private static string? StringOf(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // Some providers send the flag as the string "true".
    private static bool IsTrue(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value)
        && (value.ValueKind == JsonValueKind.True || (value.ValueKind == JsonValueKind.String && value.GetString() == "true"));
}
