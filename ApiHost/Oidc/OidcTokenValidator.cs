using System.Buffers.Text;
using System.Text.Json;
using Cluster.ApiHost.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Cluster.ApiHost.Oidc;

/// <summary>
/// Checks tokens of the configured external providers: the provider is chosen by the token's issuer, and issuer,
/// audience, lifetime and an asymmetric signature by a key of the provider's JWKS (found through discovery) are
/// always checked; there is no setting to skip any of them.
/// </summary>
public sealed partial class OidcTokenValidator
{
    /// <summary>The name the validator's <see cref="HttpClient"/> is configured under.</summary>
    public const string HttpClientName = "oidc";

    // Symmetric algorithms are never accepted: a provider's keys are public, so an HMAC "signed" with one proves nothing.
    private static readonly string[] AsymmetricAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    private readonly JsonWebTokenHandler _handler = new();
    private readonly Dictionary<string, Provider> _byIssuer = new(StringComparer.Ordinal);
    private readonly IOptions<AccessTokenOptions> _tokenOptions;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<OidcTokenValidator> _logger;

    public OidcTokenValidator(
        IOptions<OidcOptions> options,
        IOptions<AccessTokenOptions> tokenOptions,
        IHttpClientFactory httpClients,
        TimeProvider timeProvider,
        ILogger<OidcTokenValidator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClients);
        (_tokenOptions, _timeProvider, _logger) = (tokenOptions, timeProvider, logger);
        foreach (var (name, provider) in options.Value.Providers)
        {
            var documents = new HttpDocumentRetriever(httpClients.CreateClient(HttpClientName)) { RequireHttps = provider.RequireHttpsMetadata };
            var metadata = new OidcMetadataCache(
                $"{provider.Authority.TrimEnd('/')}/.well-known/openid-configuration", documents, provider.MetadataRefreshInterval, timeProvider, logger);
            _byIssuer[provider.EffectiveIssuer] = new Provider(name, provider, metadata);
        }
    }

    /// <summary>Whether any provider is configured.</summary>
    public bool HasProviders => _byIssuer.Count > 0;

    /// <summary>The configured providers by name.</summary>
    public IEnumerable<(string Name, OidcProviderOptions Options)> Providers => _byIssuer.Values.Select(provider => (provider.Name, provider.Options));

    /// <summary>Whether the token claims (unverified) to come from a configured provider, so it is one to check here.</summary>
    public bool IsExternal(string token) => HasProviders && IssuerOf(token) is { } issuer && _byIssuer.ContainsKey(issuer);

    /// <summary>Checks <paramref name="token"/> presented as <paramref name="use"/>; an id_token must also carry <paramref name="nonce"/> when one is given.</summary>
    public async Task<OidcTokenCheck> ValidateAsync(string token, OidcTokenUse use, string? nonce, CancellationToken cancellationToken)
    {
        if (IssuerOf(token) is not { } issuer || !_byIssuer.TryGetValue(issuer, out var provider))
        {
            return Refused("it is not a JWT from a configured identity provider");
        }

        if (use == OidcTokenUse.AccessToken && !provider.Options.AcceptAccessTokens)
        {
            return Refused($"the provider '{provider.Name}' may only sign in through POST /api/auth/oidc");
        }

        TokenValidationResult result;
        try
        {
            result = await ValidateSignedAsync(token, use, provider, await provider.Metadata.GetAsync(cancellationToken));
            if (result.Exception is SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException
                && await provider.Metadata.RefreshAsync(cancellationToken) is { } refreshed)
            {
                // The provider may have rotated its keys since they were read.
                result = await ValidateSignedAsync(token, use, provider, refreshed);
                if (!result.IsValid)
                {
                    LogRefreshedKeysRefused(_logger, provider.Name);
                }
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or HttpRequestException or IOException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The last case is the metadata read's own deadline, not this request giving up.
            LogMetadataUnavailable(_logger, provider.Name, exception);
            return new OidcTokenCheck(null, default, $"the identity provider '{provider.Name}' could not be reached", ProviderUnavailable: true);
        }

        if (!result.IsValid)
        {
            return Refused(Describe(result.Exception));
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        var problem = use == OidcTokenUse.IdToken ? IdTokenProblem(jwt, provider.Options, nonce) : AccessTokenProblem(jwt);
        if (problem is not null)
        {
            return Refused(problem);
        }

        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(jwt.EncodedPayload));
        return OidcClaimMapper.Map(payload.RootElement, issuer, provider.Options) is { } identity
            ? new OidcTokenCheck(identity, jwt.ValidTo, null)
            : Refused("it names no subject (sub) of at most 255 characters");
    }

    private Task<TokenValidationResult> ValidateSignedAsync(string token, OidcTokenUse use, Provider provider, OpenIdConnectConfiguration configuration)
    {
        var skew = _tokenOptions.Value.ClockSkew;
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = provider.Options.EffectiveIssuer,
            ValidAudiences = use == OidcTokenUse.IdToken ? [provider.Options.ClientId] : provider.Options.EffectiveAudiences,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidAlgorithms = AsymmetricAlgorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = skew,
            LifetimeValidator = (notBefore, expires, _, _) => TokenLifetime.IsCurrent(_timeProvider.GetUtcNow().UtcDateTime, skew, notBefore, expires),
        };
        return _handler.ValidateTokenAsync(token, parameters);
    }

    private string? IdTokenProblem(JsonWebToken jwt, OidcProviderOptions provider, string? nonce)
    {
        var now = _timeProvider.GetUtcNow().UtcDateTime;
        if (jwt.IssuedAt == DateTime.MinValue || now - jwt.IssuedAt > provider.MaxIdTokenAge)
        {
            return $"it was issued more than {provider.MaxIdTokenAge.TotalMinutes:0} minutes ago; sign in with the provider again";
        }

        if (jwt.IssuedAt > now + _tokenOptions.Value.ClockSkew)
        {
            return "it was issued in the future (iat); check the clocks of this host and the provider";
        }

        // With several audiences, the authorized party says which client the token was issued to (OIDC Core 3.1.3.7).
        if (jwt.Audiences.Count() > 1 && (!jwt.TryGetPayloadValue<string>("azp", out var party) || party != provider.ClientId))
        {
            return "it has several audiences and its azp is not this client";
        }

        return nonce is not null && (!jwt.TryGetPayloadValue<string>("nonce", out var actual) || actual != nonce)
            ? "its nonce is not the one given"
            : null;
    }

    // An id_token has the client as audience, as an access token may: its nonce, at_hash or Keycloak's typ "ID" give
    // it away, so a token meant to prove a sign-in (and exchanged once, fresh) never serves as a bearer credential.
    private static string? AccessTokenProblem(JsonWebToken jwt) =>
        jwt.TryGetPayloadValue<string>("nonce", out _) || jwt.TryGetPayloadValue<string>("at_hash", out _)
        || (jwt.TryGetPayloadValue<string>("typ", out var type) && type == "ID")
            ? "it is an id_token; send the provider's access token"
            : null;

    private string? IssuerOf(string token)
    {
        try
        {
            return _handler.CanReadToken(token) ? _handler.ReadJsonWebToken(token).Issuer : null;
        }
        catch (Exception exception) when (exception is ArgumentException or SecurityTokenException)
        {
            return null;
        }
    }

    private static OidcTokenCheck Refused(string reason) => new(null, default, reason);

    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException or SecurityTokenNotYetValidException => "it has expired or is not valid yet",
        SecurityTokenInvalidAudienceException => "it is meant for another audience",
        SecurityTokenInvalidIssuerException => "its issuer is not the provider's",
        SecurityTokenInvalidAlgorithmException => "its signing algorithm is not accepted (asymmetric signatures only)",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "its signature does not verify with the provider's keys",
        SecurityTokenNoExpirationException => "it has no expiry",
        _ => "it is not a valid signed token",
    };

    private sealed record Provider(string Name, OidcProviderOptions Options, OidcMetadataCache Metadata);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The discovery document or keys of identity provider {Provider} could not be read")]
    private static partial void LogMetadataUnavailable(ILogger logger, string provider, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A token of identity provider {Provider} was refused after its keys were read again")]
    private static partial void LogRefreshedKeysRefused(ILogger logger, string provider);
}
