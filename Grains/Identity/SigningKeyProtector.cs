using System.Security.Cryptography;
using System.Text;
using Cluster.Grains.Interfaces.Identity;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Identity;

/// <summary>
/// Encrypts private signing keys for storage with AES-256-GCM under <see cref="SigningKeyProtectionOptions.EncryptionKey"/>,
/// bound to their key id (a ciphertext moved to another key's record does not decrypt). Without a key, keys are
/// stored as PEM. Stored PEM keys are still read once a key is set, and are encrypted at the grain's next write.
/// </summary>
public sealed class SigningKeyProtector
{
    private const string Prefix = "aes256gcm:v1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[]? _key;

    public SigningKeyProtector(IOptions<SigningKeyProtectionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Value.EncryptionKey is { } encoded)
        {
            _key = TryDecodeKey(encoded, out var key)
                ? key
                : throw new InvalidOperationException(new SigningKeyProtectionOptionsValidator().Validate(null, options.Value).FailureMessage);
        }
    }

    /// <summary>A protector that stores keys unencrypted: the default where none is registered (unit tests).</summary>
    public static SigningKeyProtector None { get; } = new(Options.Create(new SigningKeyProtectionOptions()));

    /// <summary>Whether keys are encrypted.</summary>
    public bool IsEnabled => _key is not null;

    /// <summary>Whether <paramref name="key"/> is stored as this protector would store it (encrypted when protection is on).</summary>
    public bool IsStoredAsWanted(SigningKeyInfo key) => _key is null || key.PrivateKeyPem.StartsWith(Prefix, StringComparison.Ordinal);

    public static bool TryDecodeKey(string encoded, out byte[] key)
    {
        key = new byte[32];
        return Convert.TryFromBase64String(encoded.Trim(), key, out var written) && written == key.Length;
    }

    /// <summary>The key as stored: its private key encrypted when protection is on.</summary>
    public SigningKeyInfo Protect(SigningKeyInfo key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_key is null || key.PrivateKeyPem.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return key;
        }

        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var plaintext = Encoding.UTF8.GetBytes(key.PrivateKeyPem);
        var sealedBytes = new byte[plaintext.Length + TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(0, plaintext.Length), sealedBytes.AsSpan(plaintext.Length), Encoding.UTF8.GetBytes(key.KeyId));
        return key with { PrivateKeyPem = $"{Prefix}{Convert.ToBase64String(nonce)}:{Convert.ToBase64String(sealedBytes)}" };
    }

    /// <summary>The key as used: its private key as PEM.</summary>
    /// <exception cref="InvalidOperationException">It is encrypted and no key, or another key, is configured.</exception>
    public SigningKeyInfo Unprotect(SigningKeyInfo key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.PrivateKeyPem.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return key;
        }

        if (_key is null)
        {
            throw new InvalidOperationException(
                $"The token signing keys are stored encrypted; set {SigningKeyProtectionOptions.SectionName}:{nameof(SigningKeyProtectionOptions.EncryptionKey)} on every silo to the key they were encrypted with.");
        }

        var parts = key.PrivateKeyPem[Prefix.Length..].Split(':');
        var nonce = Convert.FromBase64String(parts[0]);
        var sealedBytes = Convert.FromBase64String(parts[1]);
        var plaintext = new byte[sealedBytes.Length - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        try
        {
            aes.Decrypt(nonce, sealedBytes.AsSpan(0, plaintext.Length), sealedBytes.AsSpan(plaintext.Length), plaintext, Encoding.UTF8.GetBytes(key.KeyId));
        }
        catch (AuthenticationTagMismatchException exception)
        {
            throw new InvalidOperationException(
                $"A token signing key does not decrypt with {SigningKeyProtectionOptions.SectionName}:{nameof(SigningKeyProtectionOptions.EncryptionKey)}; every silo needs the key it was encrypted with.",
                exception);
        }

        return key with { PrivateKeyPem = Encoding.UTF8.GetString(plaintext) };
    }
}
