using System.Text.Json.Serialization;

namespace Cluster.ApiHost.Auth;

/// <summary>A mailed reset token with the account's email and the new password.</summary>
public sealed record PasswordResetConfirmRequest(
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("password")] string? Password,
    [property: JsonPropertyName("reset_token")] string? ResetToken);
