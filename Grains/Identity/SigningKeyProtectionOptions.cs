using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Identity;

/// <summary>How the token signing keys are protected in storage (<c>Identity:SigningKeys</c>), read by silos.</summary>
public sealed class SigningKeyProtectionOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Identity:SigningKeys";

    /// <summary>
    /// A 256-bit key, base64 (<c>openssl rand -base64 32</c>), that encrypts the private signing keys in storage
    /// (AES-256-GCM). Every silo needs the same one; pass it from a secret store or environment variable. Unset, the
    /// keys are stored unencrypted, readable by anyone who can read the database, and a warning says so at start.
    /// </summary>
    public string? EncryptionKey { get; set; }

    /// <summary>Binds the options from <paramref name="configuration"/>.</summary>
    public static SigningKeyProtectionOptions From(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<SigningKeyProtectionOptions>() ?? new SigningKeyProtectionOptions();
}

/// <summary>Checks <see cref="SigningKeyProtectionOptions"/> at start and says which setting to change.</summary>
internal sealed class SigningKeyProtectionOptionsValidator : IValidateOptions<SigningKeyProtectionOptions>
{
    public ValidateOptionsResult Validate(string? name, SigningKeyProtectionOptions options) =>
        options.EncryptionKey is null || SigningKeyProtector.TryDecodeKey(options.EncryptionKey, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{SigningKeyProtectionOptions.SectionName}:{nameof(SigningKeyProtectionOptions.EncryptionKey)} is not 32 bytes in base64; make one with 'openssl rand -base64 32'.");
}
