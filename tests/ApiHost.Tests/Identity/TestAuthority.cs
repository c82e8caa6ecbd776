using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cluster.ApiHost.Tests.Identity;

/// <summary>
/// An OpenID Connect authority on a real loopback port: a discovery document and a JWKS with RSA keys of its own,
/// and tokens signed by them. Keys can be rotated, as real providers do.
/// </summary>
public sealed class TestAuthority : IAsyncLifetime
{
    public const string ClientId = "cluster-frontend";

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly List<RsaSecurityKey> _keys = [NewKey()];
    private WebApplication? _app;

    /// <summary>The authority's URL, which is also its issuer.</summary>
    public string Authority { get; private set; } = string.Empty;

    /// <summary>How many times the JWKS was read.</summary>
    public int KeyReads { get; private set; }

    /// <summary>A new subject id.</summary>
    public static string NewSubject() => Guid.NewGuid().ToString("N");

    /// <summary>The settings of an API host that trusts this authority as provider <c>test</c>, plus <paramref name="extra"/>.</summary>
    public Dictionary<string, string?> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Identity:Oidc:Providers:test:Authority"] = Authority,
            ["Identity:Oidc:Providers:test:ClientId"] = ClientId,
            ["Identity:Oidc:Providers:test:RequireHttpsMetadata"] = "false",
            ["Identity:Oidc:Providers:test:RoleClaims"] = "realm_access.roles",
        };
        foreach (var (key, value) in extra)
        {
            settings[$"Identity:Oidc:Providers:test:{key}"] = value;
        }

        return settings;
    }

    /// <summary>A token of this authority for <paramref name="subject"/>; <paramref name="change"/> adjusts the descriptor before signing.</summary>
    public string Issue(string subject, IDictionary<string, object>? claims = null, Action<SecurityTokenDescriptor>? change = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = ClientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Subject = new ClaimsIdentity([new Claim("sub", subject)]),
            // A jti of its own, as providers give, so two tokens issued in one second differ.
            Claims = new Dictionary<string, object>(claims ?? new Dictionary<string, object>()) { ["jti"] = Guid.NewGuid().ToString() },
            SigningCredentials = new SigningCredentials(_keys[^1], SecurityAlgorithms.RsaSha256),
        };
        change?.Invoke(descriptor);
        return _handler.CreateToken(descriptor);
    }

    /// <summary>Publishes a new key and signs with it from now on, as a provider rotating its keys does.</summary>
    public void RotateKeys() => _keys.Add(NewKey());

    /// <summary>A key of nobody's JWKS, with the kid of the current one.</summary>
    public static SigningCredentials ForeignCredentials(string keyId) =>
        new(new RsaSecurityKey(RSA.Create(2048)) { KeyId = keyId }, SecurityAlgorithms.RsaSha256);

    /// <summary>The current key's public part, as an attacker would read it from the JWKS.</summary>
    public string PublicKeyPem => _keys[^1].Rsa.ExportSubjectPublicKeyInfoPem();

    /// <summary>The kid tokens are signed under now.</summary>
    public string CurrentKeyId => _keys[^1].KeyId;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Authority,
            ["jwks_uri"] = $"{Authority}/keys",
            ["authorization_endpoint"] = $"{Authority}/authorize",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        _app.MapGet("/keys", () =>
        {
            KeyReads++;
            return Results.Json(new { keys = _keys.Select(Describe).ToArray() });
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Authority = address.TrimEnd('/');
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
    }

    private static Dictionary<string, string> Describe(RsaSecurityKey key)
    {
        var parameters = key.Rsa.ExportParameters(false);
        return new Dictionary<string, string>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["alg"] = "RS256",
            ["kid"] = key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
    }

    private static RsaSecurityKey NewKey() => new(RSA.Create(2048)) { KeyId = Guid.NewGuid().ToString("N")[..12] };
}
