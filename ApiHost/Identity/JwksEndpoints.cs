using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.IdentityModel.Tokens;

namespace Cluster.ApiHost.Identity;

/// <summary><c>GET /.well-known/jwks.json</c>: the public keys that verify this cluster's access tokens.</summary>
public static class JwksEndpoints
{
    /// <summary>How long a client may cache the key set: shorter than the time a new key is published before it signs.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

    public static IEndpointRouteBuilder MapJwks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/.well-known/jwks.json", GetKeySetAsync).WithTags("Identity").AllowAnonymous();
        return endpoints;
    }

    private static async Task<Ok<JsonWebKeySetResponse>> GetKeySetAsync(SigningKeyCache keys, HttpResponse response, CancellationToken cancellationToken)
    {
        var published = await keys.VerificationKeysAsync(keyId: null, cancellationToken);
        response.Headers.CacheControl = $"public, max-age={(int)CacheFor.TotalSeconds}";
        return TypedResults.Ok(new JsonWebKeySetResponse([.. published.Select(ToPublicJwk)]));
    }

    // Only the public half: ExportParameters(false) leaves the private members out.
    private static JsonWebKeyResponse ToPublicJwk(RsaSecurityKey key)
    {
        var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
        return new JsonWebKeyResponse("RSA", "sig", SecurityAlgorithms.RsaSha256, key.KeyId, Base64UrlEncoder.Encode(parameters.Modulus), Base64UrlEncoder.Encode(parameters.Exponent));
    }
}
