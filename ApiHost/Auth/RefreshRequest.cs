using System.Text.Json.Serialization;

namespace Cluster.ApiHost.Auth;

/// <summary>A refresh token sent in the body by an API client; browsers send the refresh cookie instead.</summary>
public sealed record RefreshRequest([property: JsonPropertyName("refresh_token")] string? RefreshToken);
