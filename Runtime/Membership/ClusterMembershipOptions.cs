using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Membership;

/// <summary>
/// How a silo takes part in cluster membership and failure detection, bound from the <c>Membership</c> section. With
/// the defaults a crashed silo is declared Dead about <c>ProbePeriod × MissedProbesLimit</c> (3 s) after it stops
/// answering, plus one table write: well within the 10 s the cluster promises.
/// </summary>
public sealed class ClusterMembershipOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Membership";

    /// <summary>How often the silo writes its IAmAlive time. Default 5 s; from 100 ms to 5 min.</summary>
    public TimeSpan IAmAlivePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the table is read even without a notification (the fallback for lost notifications). Default 10 s; from 100 ms to 10 min.</summary>
    public TimeSpan TableRefreshPeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often each silo probes every other Active or ShuttingDown silo. Default 1 s; from 50 ms to 1 min.</summary>
    public TimeSpan ProbePeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a probe waits for its answer before it counts as missed. Default 1 s; from 50 ms to 1 min.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Consecutive missed probes after which the prober votes the silo dead. Default 3; from 1 to 100.</summary>
    public int MissedProbesLimit { get; set; } = 3;

    /// <summary>
    /// Votes that declare a silo Dead. Default 2; from 1 to 10. Never more than the other Active silos can cast, so in
    /// a two-silo cluster the survivor's single vote is enough.
    /// </summary>
    public int NumVotesForDeathDeclaration { get; set; } = 2;

    /// <summary>How long a vote counts; older votes are ignored and dropped. Default 2 min; from 1 s to 1 h.</summary>
    public TimeSpan DeathVoteExpiration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long rows of silos that left (or died) stay in the table before they are deleted. Default 1 day; from 1 min to 365 days.</summary>
    public TimeSpan DefunctSiloExpiration { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often each silo deletes defunct rows. Default 1 h; from 1 s to 1 day.</summary>
    public TimeSpan DefunctSiloCleanupPeriod { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Checks <see cref="ClusterMembershipOptions"/> at start and says which setting to change.</summary>
internal sealed class ClusterMembershipOptionsValidator : IValidateOptions<ClusterMembershipOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterMembershipOptions options)
    {
        var failures = new List<string>();
        Check(failures, nameof(ClusterMembershipOptions.IAmAlivePeriod), options.IAmAlivePeriod, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5));
        Check(failures, nameof(ClusterMembershipOptions.TableRefreshPeriod), options.TableRefreshPeriod, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10));
        Check(failures, nameof(ClusterMembershipOptions.ProbePeriod), options.ProbePeriod, TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(1));
        Check(failures, nameof(ClusterMembershipOptions.ProbeTimeout), options.ProbeTimeout, TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(1));
        Check(failures, nameof(ClusterMembershipOptions.DeathVoteExpiration), options.DeathVoteExpiration, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        Check(failures, nameof(ClusterMembershipOptions.DefunctSiloExpiration), options.DefunctSiloExpiration, TimeSpan.FromMinutes(1), TimeSpan.FromDays(365));
        Check(failures, nameof(ClusterMembershipOptions.DefunctSiloCleanupPeriod), options.DefunctSiloCleanupPeriod, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        CheckCount(failures, nameof(ClusterMembershipOptions.MissedProbesLimit), options.MissedProbesLimit, 1, 100);
        CheckCount(failures, nameof(ClusterMembershipOptions.NumVotesForDeathDeclaration), options.NumVotesForDeathDeclaration, 1, 10);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string setting, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{ClusterMembershipOptions.SectionName}:{setting} is {value}; set it between {min} and {max}.");
        }
    }

    private static void CheckCount(List<string> failures, string setting, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{ClusterMembershipOptions.SectionName}:{setting} is {value}; set it from {min} to {max}.");
        }
    }
}
