using System.Text.Json.Serialization;

namespace Cluster.ApiHost.Oidc;

/// <summary>The body of <c>POST /api/auth/oidc</c>: an id_token the frontend got from a configured identity provider.</summary>
/// <param name="IdToken">The id_token, as the provider issued it.</param>
/// <param name="Nonce">The nonce the frontend sent in its authorization request; when given, the id_token must carry it.</param>
public sealed record OidcSignInRequest(
    [property: JsonPropertyName("id_token")] string? IdToken,
    [property: JsonPropertyName("nonce")] string? Nonce);
