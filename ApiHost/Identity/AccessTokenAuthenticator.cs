using System.Globalization;
using System.Security.Claims;
using Cluster.ApiHost.Oidc;
using Cluster.Grains.Interfaces.Identity;
using Cluster.Runtime.Core;

namespace Cluster.ApiHost.Identity;

/// <summary>
/// Turns an access token into a caller: the token must be genuine and current (<see cref="AccessTokenService"/>),
/// and its session still live for its user, which the user grain answers on every call, so a sign-out, password
/// change, deactivation or role change holds at once on every API host. An <c>Authorization</c> header may also carry
/// an access token of a configured identity provider (<see cref="ExternalBearerAuthenticator"/>); cookies only ever
/// carry ours.
/// </summary>
public sealed class AccessTokenAuthenticator(AccessTokenService tokens, ExternalBearerAuthenticator external, IClusterClient cluster)
{
    /// <summary>The scheme name, and the authentication type of the principals made.</summary>
    public const string Scheme = "Cluster";

    /// <summary>The caller and its principal, or why the token was refused (for logs only).</summary>
    public async Task<(AuthenticatedCaller? Caller, ClaimsPrincipal? Principal, string? Failure)> AuthenticateAsync(
        string token, bool fromCookie, CancellationToken cancellationToken)
    {
        if (!fromCookie && external.Handles(token))
        {
            var (externalUser, failure) = await external.AuthenticateAsync(token, cancellationToken);
            return externalUser is null ? (null, null, failure) : Authenticated(new AuthenticatedCaller(externalUser, null, FromCookie: false));
        }

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

        return Authenticated(new AuthenticatedCaller(user, sessionId, fromCookie));
    }

    private static (AuthenticatedCaller?, ClaimsPrincipal?, string?) Authenticated(AuthenticatedCaller caller) => (caller, PrincipalOf(caller), null);

    private static ClaimsPrincipal PrincipalOf(AuthenticatedCaller caller)
    {
        List<Claim> claims =
        [
            new(AccessTokenClaims.Subject, caller.User.Id),
            new(AccessTokenClaims.UserType, IdentityNames.Of(caller.User.Type)),
            new(AccessTokenClaims.Role, IdentityNames.Of(caller.User.Role)),
        ];
        if (caller.SessionId is not null)
        {
            claims.Add(new Claim(AccessTokenClaims.Session, caller.SessionId));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, AccessTokenClaims.Subject, AccessTokenClaims.Role));
    }
}
