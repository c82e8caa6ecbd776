using System.Text.Json.Serialization;

namespace Cluster.ApiHost.Oidc;

/// <summary>A configured identity provider, as a frontend needs it to start a sign-in.</summary>
public sealed record OidcProviderResponse(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("authority")] string Authority,
    [property: JsonPropertyName("client_id")] string ClientId);
