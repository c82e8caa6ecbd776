using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Identity;

/// <summary>What a new password must be (<c>Identity:PasswordPolicy</c>).</summary>
public sealed class PasswordPolicyOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Identity:PasswordPolicy";

    /// <summary>The shortest password accepted, in characters. Default 12; from 8 to 64.</summary>
    public int MinLength { get; set; } = 12;

    /// <summary>The longest password accepted, in characters, bounding the cost of hashing it. Default 128; from 64 to 1,024.</summary>
    public int MaxLength { get; set; } = 128;

    /// <summary>Require an upper-case letter. Default false (length protects better than composition rules).</summary>
    public bool RequireUppercase { get; set; }

    /// <summary>Require a lower-case letter. Default false.</summary>
    public bool RequireLowercase { get; set; }

    /// <summary>Require a digit. Default false.</summary>
    public bool RequireDigit { get; set; }

    /// <summary>Require a character that is neither a letter nor a digit. Default false.</summary>
    public bool RequireSymbol { get; set; }
}

/// <summary>Checks <see cref="PasswordPolicyOptions"/> at start and says which setting to change.</summary>
internal sealed class PasswordPolicyOptionsValidator : IValidateOptions<PasswordPolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, PasswordPolicyOptions options)
    {
        var failures = new List<string>();
        if (options.MinLength is < 8 or > 64)
        {
            failures.Add($"{PasswordPolicyOptions.SectionName}:{nameof(PasswordPolicyOptions.MinLength)} is {options.MinLength}; set it between 8 and 64.");
        }

        if (options.MaxLength is < 64 or > 1024)
        {
            failures.Add($"{PasswordPolicyOptions.SectionName}:{nameof(PasswordPolicyOptions.MaxLength)} is {options.MaxLength}; set it between 64 and 1024.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
