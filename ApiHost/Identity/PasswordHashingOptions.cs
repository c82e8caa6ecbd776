using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Identity;

/// <summary>How passwords are hashed (<c>Identity:PasswordHashing</c>).</summary>
public sealed class PasswordHashingOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Identity:PasswordHashing";

    /// <summary>The smallest iteration count accepted.</summary>
    public const int MinIterations = 100_000;

    /// <summary>The largest iteration count accepted.</summary>
    public const int MaxIterations = 10_000_000;

    /// <summary>
    /// PBKDF2-HMAC-SHA256 iterations for new hashes. Default 600,000 (OWASP's 2023 recommendation); from 100,000 to
    /// 10,000,000. Raising it re-hashes each password at its owner's next sign-in; each sign-in costs this much CPU.
    /// </summary>
    public int Iterations { get; set; } = 600_000;
}

/// <summary>Checks <see cref="PasswordHashingOptions"/> at start and says which setting to change.</summary>
internal sealed class PasswordHashingOptionsValidator : IValidateOptions<PasswordHashingOptions>
{
    public ValidateOptionsResult Validate(string? name, PasswordHashingOptions options) =>
        options.Iterations is < PasswordHashingOptions.MinIterations or > PasswordHashingOptions.MaxIterations
            ? ValidateOptionsResult.Fail(
                $"{PasswordHashingOptions.SectionName}:{nameof(PasswordHashingOptions.Iterations)} is {options.Iterations}; set it between {PasswordHashingOptions.MinIterations} and {PasswordHashingOptions.MaxIterations}.")
            : ValidateOptionsResult.Success;
}
