namespace Cluster.ApiHost.Identity;

/// <summary>One public signing key as RFC 7517 describes it.</summary>
/// <param name="Kty">Always <c>RSA</c>.</param>
/// <param name="Use">Always <c>sig</c>.</param>
/// <param name="Alg">Always <c>RS256</c>.</param>
/// <param name="Kid">The id tokens name the key by.</param>
/// <param name="N">The modulus, base64url.</param>
/// <param name="E">The exponent, base64url.</param>
public sealed record JsonWebKeyResponse(string Kty, string Use, string Alg, string Kid, string N, string E);
