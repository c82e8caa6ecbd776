using System.Globalization;
using System.Security.Claims;
using Cluster.Grains.Interfaces.Identity;
using Cluster.Runtime.Core;

namespace Cluster.ApiHost.Identity;

/// <summary>
/// Turns an access token into a caller: the token must be genuine and current (<see cref="AccessTokenService"/>),
/// and its session still live for its user, which the user grain answers on every call, so a sign-out, password
/// change, deactivation or role change holds at once on every API host.
/// </summary>
public sealed class AccessTokenAuthenticator(AccessTokenService tokens, IClusterClient cluster)
{
    /// <summary>The scheme name, and the authentication type of the principals made.</summary>
    public const string Scheme = "Cluster";

    /// <summary>The caller and its principal, or why the token was refused (for logs only).</summary>
    public async Task<(AuthenticatedCaller? Caller, ClaimsPrincipal? Principal, string? Failure)> AuthenticateAsync(
        string token, bool fromCookie, CancellationToken cancellationToken)
    {
        var check = await tokens.ValidateAsync(token, cancellationToken);
        if (!check.IsValid)
        {
            return (null, null, check.Failure);
        }

        var claims = check.Principal!;
        var userId = claims.FindFirst(AccessTokenClaims.Subject)?.Value;
        var sessionId = claims.FindFirst(AccessTokenClaims.Session)?.Value;
        if (userId is null || sessionId is null
            || !long.TryParse(claims.FindFirst(AccessTokenClaims.SessionVersion)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return (null, null, "The token lacks sub, sid or sv.");
        }

        var user = await cluster.GetGrain<IUserGrain>(userId).AuthenticateAsync(sessionId, version, cancellationToken);
        if (user is null)
        {
            return (null, null, "The session has ended.");
        }

        var caller = new AuthenticatedCaller(user, sessionId, fromCookie);
        return (caller, PrincipalOf(caller), null);
    }

    private static ClaimsPrincipal PrincipalOf(AuthenticatedCaller caller) => new(new ClaimsIdentity(
        [
            new Claim(AccessTokenClaims.Subject, caller.User.Id),
            new Claim(AccessTokenClaims.Session, caller.SessionId),
            new Claim(AccessTokenClaims.UserType, IdentityNames.Of(caller.User.Type)),
            new Claim(AccessTokenClaims.Role, IdentityNames.Of(caller.User.Role)),
        ],
        Scheme,
        AccessTokenClaims.Subject,
        AccessTokenClaims.Role));
}
