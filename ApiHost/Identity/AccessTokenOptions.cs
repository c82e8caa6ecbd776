using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Identity;

/// <summary>How access tokens are issued and checked (<c>Identity:AccessTokens</c>).</summary>
public sealed class AccessTokenOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Identity:AccessTokens";

    /// <summary>The <c>iss</c> of issued tokens, and the only one accepted. Default <c>cluster</c>; set it to the API's public URL.</summary>
    public string Issuer { get; set; } = "cluster";

    /// <summary>The <c>aud</c> of issued tokens, and the only one accepted. Default <c>cluster-api</c>.</summary>
    public string Audience { get; set; } = "cluster-api";

    /// <summary>How long an access token lives. Default 15 min; from 1 min to 1 h (refresh tokens renew it).</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Clock difference tolerated between hosts when checking times. Default 30 s; from 0 to 5 min.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Checks <see cref="AccessTokenOptions"/> at start and says which setting to change.</summary>
internal sealed class AccessTokenOptionsValidator : IValidateOptions<AccessTokenOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessTokenOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            failures.Add($"{AccessTokenOptions.SectionName}:{nameof(AccessTokenOptions.Issuer)} is empty; set it to the API's public URL.");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add($"{AccessTokenOptions.SectionName}:{nameof(AccessTokenOptions.Audience)} is empty; set it to the name tokens are meant for.");
        }

        if (options.Lifetime < TimeSpan.FromMinutes(1) || options.Lifetime > TimeSpan.FromHours(1))
        {
            failures.Add($"{AccessTokenOptions.SectionName}:{nameof(AccessTokenOptions.Lifetime)} is {options.Lifetime}; set it between 00:01:00 and 01:00:00.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{AccessTokenOptions.SectionName}:{nameof(AccessTokenOptions.ClockSkew)} is {options.ClockSkew}; set it between 00:00:00 and 00:05:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
