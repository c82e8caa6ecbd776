using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Membership;

/// <summary>How a silo takes part in cluster membership, bound from the <c>Membership</c> section.</summary>
public sealed class ClusterMembershipOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Membership";

    /// <summary>How often the silo writes its IAmAlive time. Default 5 s; from 100 ms to 5 min.</summary>
    public TimeSpan IAmAlivePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the table is read even without a notification (the fallback for lost notifications). Default 10 s; from 100 ms to 10 min.</summary>
    public TimeSpan TableRefreshPeriod { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Checks <see cref="ClusterMembershipOptions"/> at start and says which setting to change.</summary>
internal sealed class ClusterMembershipOptionsValidator : IValidateOptions<ClusterMembershipOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterMembershipOptions options)
    {
        var failures = new List<string>();
        Check(failures, nameof(ClusterMembershipOptions.IAmAlivePeriod), options.IAmAlivePeriod, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5));
        Check(failures, nameof(ClusterMembershipOptions.TableRefreshPeriod), options.TableRefreshPeriod, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string setting, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{ClusterMembershipOptions.SectionName}:{setting} is {value}; set it between {min} and {max}.");
        }
    }
}
