namespace Cluster.Runtime.Membership;

/// <summary>One silo's suspicion that a member is dead, with when it was cast.</summary>
/// <param name="Voter">The silo that suspects the member.</param>
/// <param name="At">When the vote was cast.</param>
public sealed record SuspectVote(SiloAddress Voter, DateTimeOffset At);
