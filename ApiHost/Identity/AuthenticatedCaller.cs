using Cluster.Grains.Interfaces.Identity;

namespace Cluster.ApiHost.Identity;

/// <summary>Who an authenticated request comes from, as the user grain answered it for this request.</summary>
/// <param name="User">The user, as of this request (role and type are current, not as the token says).</param>
/// <param name="SessionId">
/// The session the access token belongs to; null for an identity provider's access token, which belongs to no session here.
/// </param>
/// <param name="FromCookie">Whether the token came in the <c>auth_token</c> cookie (which needs CSRF protection), not a header.</param>
public sealed record AuthenticatedCaller(UserInfo User, string? SessionId, bool FromCookie);
