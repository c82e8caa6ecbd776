using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Identity;

/// <summary>How long a sign-in lasts, refreshed or not (<c>Identity:Sessions</c>).</summary>
public sealed class SessionLifetimeOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Identity:Sessions";

    /// <summary>A regular user's session. Default 30 days; from 1 hour to 400 days.</summary>
    public TimeSpan RegularLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>A guest's session: the guest's data is reachable only through it. Default 90 days; from 1 hour to 400 days.</summary>
    public TimeSpan GuestLifetime { get; set; } = TimeSpan.FromDays(90);
}

/// <summary>Checks <see cref="SessionLifetimeOptions"/> at start and says which setting to change.</summary>
internal sealed class SessionLifetimeOptionsValidator : IValidateOptions<SessionLifetimeOptions>
{
    private static readonly TimeSpan Shortest = TimeSpan.FromHours(1);
    private static readonly TimeSpan Longest = TimeSpan.FromDays(400);

    public ValidateOptionsResult Validate(string? name, SessionLifetimeOptions options)
    {
        var failures = new List<string>();
        foreach (var (setting, value) in new[]
        {
            (nameof(SessionLifetimeOptions.RegularLifetime), options.RegularLifetime),
            (nameof(SessionLifetimeOptions.GuestLifetime), options.GuestLifetime),
        })
        {
            if (value < Shortest || value > Longest)
            {
                failures.Add($"{SessionLifetimeOptions.SectionName}:{setting} is {value}; set it between 01:00:00 and 400.00:00:00 (browsers keep cookies at most 400 days).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
