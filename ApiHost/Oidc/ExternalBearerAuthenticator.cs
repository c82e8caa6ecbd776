using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Identity;
using Cluster.Runtime.Core;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Oidc;

/// <summary>
/// Authenticates a request by an access token of a configured identity provider. The first request with a token
/// links (or provisions) its account and sets the mapped role and groups, once per token; every request then asks
/// the user grain for the account, so a deactivation or a role change here holds at once, as with our own tokens.
/// Such a caller has no session of ours: the provider's token is the provider's to revoke.
/// </summary>
public sealed class ExternalBearerAuthenticator(
    OidcTokenValidator validator, IClusterClient cluster, TimeProvider timeProvider, IOptions<AccessTokenOptions> tokenOptions)
{
    private readonly ValidatedTokenCache<string> _userIds = new(timeProvider, () => tokenOptions.Value.ClockSkew);

    /// <summary>Whether <paramref name="token"/> claims a configured provider as its issuer, so it is checked here.</summary>
    public bool Handles(string token) => validator.IsExternal(token);

    /// <summary>The account the token signs in, or why it was refused (for logs only).</summary>
    public async Task<(UserInfo? User, string? Failure)> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        if (_userIds.TryGet(token, out var userId))
        {
            var user = await cluster.GetGrain<IUserGrain>(userId).GetAsync(cancellationToken);
            return user is { IsActive: true } ? (user, null) : (null, "The account is deactivated.");
        }

        var check = await validator.ValidateAsync(token, OidcTokenUse.AccessToken, nonce: null, cancellationToken);
        if (!check.IsValid)
        {
            return (null, check.Failure);
        }

        var result = await cluster.GetGrain<IExternalLoginGrain>(check.Identity!.LoginKey).SignInAsync(check.Identity, cancellationToken);
        if (result.User is not { IsActive: true } signedIn)
        {
            return (null, result.EmailTaken ? "The token's email belongs to another account." : "The account is deactivated.");
        }

        _userIds.Add(token, signedIn.Id, check.Expires);
        return (signedIn, null);
    }
}
