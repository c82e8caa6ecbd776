using Cluster.Grains.Interfaces.Identity;

namespace Cluster.ApiHost.Identity;

/// <summary>A sign-in or refresh that succeeded: the tokens to hand out.</summary>
/// <param name="User">The user signed in.</param>
/// <param name="Session">The session the tokens belong to.</param>
/// <param name="AccessToken">The new access token.</param>
/// <param name="AccessTokenExpiresAt">When the access token expires.</param>
/// <param name="RefreshToken">The new refresh token, valid for one use.</param>
public sealed record SignedIn(UserInfo User, SessionInfo Session, string AccessToken, DateTimeOffset AccessTokenExpiresAt, string RefreshToken);
