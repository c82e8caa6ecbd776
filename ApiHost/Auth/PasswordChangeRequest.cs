using System.Text.Json.Serialization;

namespace Cluster.ApiHost.Auth;

/// <summary>The current password, to prove it is the user, and the new one.</summary>
public sealed record PasswordChangeRequest(
    [property: JsonPropertyName("current_password")] string? CurrentPassword,
    [property: JsonPropertyName("new_password")] string? NewPassword);
