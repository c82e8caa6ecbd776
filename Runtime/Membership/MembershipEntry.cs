namespace Cluster.Runtime.Membership;

/// <summary>
/// One silo's row in the membership table. Immutable: the helpers return changed copies. Two entries are equal when
/// every field is, including the votes in order.
/// </summary>
public sealed record MembershipEntry
{
    /// <summary>The silo's address; the row's key.</summary>
    public required SiloAddress SiloAddress { get; init; }

    /// <summary>The silo's configured name, for people.</summary>
    public required string SiloName { get; init; }

    /// <summary>The machine's host name, for people.</summary>
    public required string HostName { get; init; }

    /// <summary>Where the silo is in its life cycle.</summary>
    public required SiloStatus Status { get; init; }

    /// <summary>When the silo started. The table keeps microseconds.</summary>
    public required DateTimeOffset StartTime { get; init; }

    /// <summary>When the silo last reported that it is alive. The table keeps microseconds.</summary>
    public required DateTimeOffset IAmAliveTime { get; init; }

    /// <summary>The suspicions other silos have cast against this one, at most one per voter.</summary>
    public IReadOnlyList<SuspectVote> SuspectTimes
    {
        get;

        // Copied so a caller's list cannot change an entry after the fact.
        init => field = Array.AsReadOnly([.. value ?? throw new ArgumentNullException(nameof(value))]);
    } = [];

    /// <summary>A copy with <paramref name="status"/>.</summary>
    /// <param name="status">The new status.</param>
    public MembershipEntry WithStatus(SiloStatus status) => this with { Status = status };

    /// <summary>A copy in which <paramref name="voter"/> suspects this silo as of <paramref name="at"/>, replacing its earlier vote.</summary>
    /// <param name="voter">The suspecting silo.</param>
    /// <param name="at">When it suspected this one.</param>
    public MembershipEntry WithVote(SiloAddress voter, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(voter);
        return this with { SuspectTimes = [.. SuspectTimes.Where(vote => vote.Voter != voter), new SuspectVote(voter, at)] };
    }

    /// <summary>The votes cast at or after <paramref name="since"/>; older votes have expired.</summary>
    /// <param name="since">The oldest vote time that still counts.</param>
    public IReadOnlyList<SuspectVote> VotesSince(DateTimeOffset since) => [.. SuspectTimes.Where(vote => vote.At >= since)];

    /// <inheritdoc />
    public bool Equals(MembershipEntry? other) =>
        other is not null
        && SiloAddress == other.SiloAddress
        && string.Equals(SiloName, other.SiloName, StringComparison.Ordinal)
        && string.Equals(HostName, other.HostName, StringComparison.Ordinal)
        && Status == other.Status
        && StartTime == other.StartTime
        && IAmAliveTime == other.IAmAliveTime
        && SuspectTimes.SequenceEqual(other.SuspectTimes);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(SiloAddress, Status, StartTime);
}
