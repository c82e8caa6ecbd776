namespace Cluster.Grains.Interfaces.Identity;

/// <summary>One RSA key that signs (or signed) access tokens.</summary>
/// <param name="KeyId">The <c>kid</c> tokens name it by.</param>
/// <param name="PrivateKeyPem">The private key, PKCS #8 PEM: only API hosts, which sign tokens, ask for it.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="SignsFrom">
/// From when it signs new tokens. A key is published (in JWKS) from its creation, a while before, so that every
/// verifier has it before the first token it signs arrives.
/// </param>
public sealed record SigningKeyInfo(string KeyId, string PrivateKeyPem, DateTimeOffset CreatedAt, DateTimeOffset SignsFrom);
