using System.Globalization;
using System.Security.Claims;
using Cluster.Grains.Interfaces.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cluster.ApiHost.Identity;

/// <summary>
/// Issues and checks the API's access tokens: RS256 JWTs signed with the cluster's current key (named by <c>kid</c>),
/// checked against every published key. Only RS256 is accepted, so neither an unsigned token (<c>alg: none</c>) nor
/// one signed with HMAC using the public key passes; issuer, audience, lifetime and signature are always checked.
/// </summary>
public sealed class AccessTokenService(SigningKeyCache keys, IOptions<AccessTokenOptions> options, TimeProvider timeProvider)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly ValidatedTokenCache<AccessTokenCheck> _validated = new(timeProvider, () => options.Value.ClockSkew);

    /// <summary>A new token for <paramref name="user"/> in session <paramref name="sessionId"/>, and when it expires.</summary>
    public async Task<(string Token, DateTimeOffset ExpiresAt)> IssueAsync(UserInfo user, string sessionId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = timeProvider.GetUtcNow();
        var expiresAt = now + settings.Lifetime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            SigningCredentials = new SigningCredentials(await keys.SigningKeyAsync(cancellationToken), SecurityAlgorithms.RsaSha256),
            Claims = new Dictionary<string, object>
            {
                [AccessTokenClaims.Subject] = user.Id,
                [AccessTokenClaims.UserType] = IdentityNames.Of(user.Type),
                [AccessTokenClaims.Role] = IdentityNames.Of(user.Role),
                [AccessTokenClaims.Session] = sessionId,
                [AccessTokenClaims.SessionVersion] = user.SessionVersion.ToString(CultureInfo.InvariantCulture),
                [AccessTokenClaims.TokenId] = Guid.NewGuid().ToString("N"),
            },
        };
        return (_handler.CreateToken(descriptor), expiresAt);
    }

    /// <summary>The token's claims when it is genuine and current; otherwise why it is not.</summary>
    public async Task<AccessTokenCheck> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (_validated.TryGet(token, out var cached))
        {
            return cached;
        }

        var (check, expires) = await ValidateSignedAsync(token, cancellationToken);
        if (check.IsValid)
        {
            _validated.Add(token, check, expires);
        }

        return check;
    }

    /// <summary>The check, and when a valid token expires (it always carries exp: RequireExpirationTime).</summary>
    private async Task<(AccessTokenCheck Check, DateTime Expires)> ValidateSignedAsync(string token, CancellationToken cancellationToken)
    {
        string? keyId;
        try
        {
            keyId = _handler.ReadJsonWebToken(token).Kid;
        }
        catch (Exception exception) when (exception is ArgumentException or SecurityTokenException)
        {
            return (new AccessTokenCheck(null, "The token is not a JWT."), default);
        }

        var settings = options.Value;
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Audience,
            IssuerSigningKeys = await keys.VerificationKeysAsync(keyId, cancellationToken),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = settings.ClockSkew,
            LifetimeValidator = (notBefore, expires, _, _) => _validated.IsCurrent(notBefore, expires),
            NameClaimType = AccessTokenClaims.Subject,
            RoleClaimType = AccessTokenClaims.Role,
        };
        var result = await _handler.ValidateTokenAsync(token, parameters);
        return result.IsValid
            ? (new AccessTokenCheck(new ClaimsPrincipal(result.ClaimsIdentity), null), result.SecurityToken.ValidTo)
            : (new AccessTokenCheck(null, result.Exception?.GetType().Name ?? "The token was refused."), default);
    }
}
