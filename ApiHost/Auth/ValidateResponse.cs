using System.Text.Json.Serialization;

namespace Cluster.ApiHost.Auth;

/// <summary>The answer of <c>GET /api/auth/validate</c> for a current token.</summary>
public sealed record ValidateResponse(
    [property: JsonPropertyName("valid")] bool Valid,
    [property: JsonPropertyName("user")] MeResponse User,
    [property: JsonPropertyName("session_id")] string? SessionId);
