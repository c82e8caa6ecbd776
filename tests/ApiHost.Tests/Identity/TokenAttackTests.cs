using System.Net;
using System.Security.Cryptography;
using System.Text;
using Cluster.ApiHost.Auth;
using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cluster.ApiHost.Tests.Identity;

/// <summary>Forged and doctored access tokens sent to a real API host: every one is refused, and none reaches an admin route.</summary>
[Collection(IdentityClusterCollection.Name)]
public sealed class TokenAttackTests(IdentityClusterFixture cluster)
{
    public static TheoryData<string> Attacks =>
    [
        "alg-none", "hs256-with-public-key", "unknown-key", "tampered-role", "wrong-issuer", "wrong-audience", "expired", "not-yet-valid",
    ];

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task Request_ForgedOrDoctoredToken_IsRefusedEverywhere(string attack)
    {
        using var api = cluster.Client();
        var tokens = await api.RegisterNewAsync();
        var forged = await ForgeAsync(attack, tokens);

        using var me = await api.GetAsync("/api/users/me", bearer: forged);
        using var admin = await api.GetAsync("/api/admin/groups", bearer: forged);
        using var cookie = await api.GetAsync("/api/users/me", cookies: $"{AuthCookies.AccessToken}={forged}");
        using var genuine = await api.GetAsync("/api/users/me", bearer: tokens.AccessToken);

        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, admin.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, cookie.StatusCode);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
    }

    [Fact]
    public async Task Request_SignedLikeTheClusterButClaimingAdmin_GetsTheUsersRealRole()
    {
        using var api = cluster.Client();
        var tokens = await api.RegisterNewAsync();
        var resigned = await ForgeAsync("control", tokens);

        using var me = await api.GetAsync("/api/users/me", bearer: resigned);
        using var admin = await api.GetAsync("/api/admin/groups", bearer: resigned);

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
    }

    private async Task<string> ForgeAsync(string attack, TokenResponse tokens)
    {
        var genuine = new JsonWebToken(tokens.AccessToken);
        var client = await cluster.Cluster.CreateClientAsync();
        var key = (await client.GetGrain<ISigningKeysGrain>(SigningKeyLimits.GrainKey).GetKeysAsync())[0];
        using var rsa = RSA.Create();
        rsa.ImportFromPem(key.PrivateKeyPem);
        var clusterKey = new SigningCredentials(new RsaSecurityKey(rsa.ExportParameters(true)) { KeyId = key.KeyId }, SecurityAlgorithms.RsaSha256);
        var now = DateTime.UtcNow;
        switch (attack)
        {
            case "alg-none":
                return $"{Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""")}.{tokens.AccessToken.Split('.')[1]}.";
            case "hs256-with-public-key":
                var publicKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(rsa.ExportSubjectPublicKeyInfoPem())) { KeyId = key.KeyId };
                return Sign(genuine, new SigningCredentials(publicKey, SecurityAlgorithms.HmacSha256), "cluster", "cluster-api", now, now.AddMinutes(10));
            case "unknown-key":
                using (var other = RSA.Create(2048))
                {
                    return Sign(genuine, new SigningCredentials(new RsaSecurityKey(other.ExportParameters(true)) { KeyId = "made-up" }, SecurityAlgorithms.RsaSha256), "cluster", "cluster-api", now, now.AddMinutes(10));
                }

            case "tampered-role":
                var parts = tokens.AccessToken.Split('.');
                var payload = Base64UrlEncoder.Decode(parts[1]).Replace("\"role\":\"user\"", "\"role\":\"admin\"", StringComparison.Ordinal);
                return $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
            case "wrong-issuer":
                return Sign(genuine, clusterKey, "https://evil.example", "cluster-api", now, now.AddMinutes(10));
            case "wrong-audience":
                return Sign(genuine, clusterKey, "cluster", "another-api", now, now.AddMinutes(10));
            case "expired":
                return Sign(genuine, clusterKey, "cluster", "cluster-api", now.AddMinutes(-30), now.AddMinutes(-5));
            case "control":
                return Sign(genuine, clusterKey, "cluster", "cluster-api", now, now.AddMinutes(10));
            case "not-yet-valid":
                return Sign(genuine, clusterKey, "cluster", "cluster-api", now.AddMinutes(5), now.AddMinutes(20));
            default:
                throw new ArgumentOutOfRangeException(nameof(attack), attack, "Unknown attack.");
        }
    }

    // The genuine token's user, session and version, so only the doctored part can be why it is refused.
    private static string Sign(JsonWebToken genuine, SigningCredentials credentials, string issuer, string audience, DateTime notBefore, DateTime expires) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            SigningCredentials = credentials,
            Claims = new Dictionary<string, object>
            {
                [AccessTokenClaims.Subject] = genuine.Subject,
                [AccessTokenClaims.UserType] = "regular",
                [AccessTokenClaims.Role] = "admin",
                [AccessTokenClaims.Session] = genuine.GetClaim(AccessTokenClaims.Session).Value,
                [AccessTokenClaims.SessionVersion] = genuine.GetClaim(AccessTokenClaims.SessionVersion).Value,
                [AccessTokenClaims.TokenId] = Guid.NewGuid().ToString("N"),
            },
        });
}
