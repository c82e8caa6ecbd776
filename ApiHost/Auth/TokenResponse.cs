using System.Text.Json.Serialization;
using Cluster.ApiHost.Identity;

namespace Cluster.ApiHost.Auth;

/// <summary>The answer to a sign-in, in the snake_case of the chat frontend's contract (OAuth2 token response fields).</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] long ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string RefreshToken,
    [property: JsonPropertyName("user")] TokenUserResponse User)
{
    /// <summary>The response for <paramref name="signedIn"/>; <c>expires_in</c> counts whole seconds from <paramref name="now"/>.</summary>
    public static TokenResponse From(SignedIn signedIn, DateTimeOffset now) => new(
        signedIn.AccessToken,
        "bearer",
        (long)Math.Max(0, (signedIn.AccessTokenExpiresAt - now).TotalSeconds),
        signedIn.RefreshToken,
        TokenUserResponse.From(signedIn.User));
}
