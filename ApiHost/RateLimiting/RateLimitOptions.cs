using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.RateLimiting;

/// <summary>The cluster-wide rate limits (<c>RateLimiting</c>), by policy name; defaults follow the chat frontend's backend.</summary>
public sealed class RateLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "RateLimiting";

    /// <summary>Every API route not named below: per user, else per client address.</summary>
    public const string Api = "api";

    /// <summary>Sign-in attempts per client address.</summary>
    public const string Login = "login";

    /// <summary>Failed sign-ins per email address, whether or not it has an account (so answers do not tell).</summary>
    public const string LoginFailuresPerEmail = "login-email";

    /// <summary>Registrations per client address.</summary>
    public const string Register = "register";

    /// <summary>Guest sign-ins per client address.</summary>
    public const string Guest = "guest";

    /// <summary>Password reset requests and confirmations per client address.</summary>
    public const string PasswordReset = "password-reset";

    /// <summary>Messages per user on WebSocket connections of <c>/web</c>, across connections and API hosts.</summary>
    public const string WebSocketMessages = "websocket-messages";

    /// <summary>Whether limits apply. Default true; turn off only for load tests.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The policies by name. Setting one in configuration changes only the fields given.</summary>
    public Dictionary<string, RateLimitPolicy> Policies { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [Api] = new() { Limit = 600, Window = TimeSpan.FromMinutes(1), PerUser = true, LeaseSize = 10 },
        [Login] = new() { Limit = 10, Window = TimeSpan.FromMinutes(15) },
        [LoginFailuresPerEmail] = new() { Limit = 5, Window = TimeSpan.FromMinutes(15) },
        [Register] = new() { Limit = 5, Window = TimeSpan.FromHours(1) },
        [Guest] = new() { Limit = 5, Window = TimeSpan.FromMinutes(1) },
        [PasswordReset] = new() { Limit = 5, Window = TimeSpan.FromHours(1) },
        [WebSocketMessages] = new() { Limit = 100, Window = TimeSpan.FromMinutes(1), PerUser = true, LeaseSize = 5 },
    };
}

/// <summary>Checks <see cref="RateLimitOptions"/> at start and says which setting to change.</summary>
internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    private static readonly string[] Required =
    [
        RateLimitOptions.Api, RateLimitOptions.Login, RateLimitOptions.LoginFailuresPerEmail, RateLimitOptions.Register, RateLimitOptions.Guest,
        RateLimitOptions.PasswordReset, RateLimitOptions.WebSocketMessages,
    ];

    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var failures = new List<string>();
        foreach (var missing in Required.Where(policy => !options.Policies.ContainsKey(policy)))
        {
            failures.Add($"{RateLimitOptions.SectionName}:Policies:{missing} is missing; give it a Limit and a Window.");
        }

        foreach (var (policyName, policy) in options.Policies)
        {
            var prefix = $"{RateLimitOptions.SectionName}:Policies:{policyName}";
            if (policy.Limit is < 1 or > 100_000_000)
            {
                failures.Add($"{prefix}:{nameof(RateLimitPolicy.Limit)} is {policy.Limit}; set it between 1 and 100000000.");
            }

            if (policy.Window < TimeSpan.FromSeconds(1) || policy.Window > TimeSpan.FromDays(1))
            {
                failures.Add($"{prefix}:{nameof(RateLimitPolicy.Window)} is {policy.Window}; set it between 00:00:01 and 1.00:00:00.");
            }

            if (policy.LeaseSize < 1 || policy.LeaseSize > Math.Max(1, policy.Limit))
            {
                failures.Add($"{prefix}:{nameof(RateLimitPolicy.LeaseSize)} is {policy.LeaseSize}; set it between 1 and the limit ({policy.Limit}).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
