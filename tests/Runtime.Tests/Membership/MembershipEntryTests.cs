using Cluster.Runtime.Membership;
using static Cluster.Runtime.Tests.Membership.MembershipTestData;

namespace Cluster.Runtime.Tests.Membership;

public sealed class MembershipEntryTests
{
    [Fact]
    public void WithVote_SameVoterTwice_KeepsOnlyItsLatestVote()
    {
        var entry = Entry(NewAddress());
        var (a, b) = (NewAddress(), NewAddress());
        var t = Now();

        var voted = entry.WithVote(a, t).WithVote(b, t.AddSeconds(1)).WithVote(a, t.AddSeconds(2));

        Assert.Equal([new SuspectVote(b, t.AddSeconds(1)), new SuspectVote(a, t.AddSeconds(2))], voted.SuspectTimes);
        Assert.Empty(entry.SuspectTimes);
    }

    [Fact]
    public void VotesSince_MixedAges_ReturnsVotesAtOrAfterTheInstant()
    {
        var t = Now();
        var entry = Entry(NewAddress()).WithVote(NewAddress(), t.AddMinutes(-3)).WithVote(NewAddress(), t.AddMinutes(-1)).WithVote(NewAddress(), t);

        Assert.Equal(entry.SuspectTimes.Skip(1), entry.VotesSince(t.AddMinutes(-1)));
        Assert.Empty(entry.VotesSince(t.AddTicks(1)));
    }

    [Fact]
    public void Equality_SameFieldsAndVotes_IsEqualAndCallersListCannotChangeIt()
    {
        var t = Now();
        var vote = new SuspectVote(NewAddress(), t);
        var votes = new List<SuspectVote> { vote };
        var entry = Entry(NewAddress()) with { SuspectTimes = votes };
        var copy = entry with { SuspectTimes = [vote] };

        votes.Add(new SuspectVote(NewAddress(), t));

        Assert.Equal(entry, copy);
        Assert.Equal(entry.GetHashCode(), copy.GetHashCode());
        Assert.Single(entry.SuspectTimes);
        Assert.NotEqual(entry, entry.WithStatus(SiloStatus.Dead));
        Assert.Equal(SiloStatus.Dead, entry.WithStatus(SiloStatus.Dead).Status);
    }

    [Theory]
    [InlineData(SiloStatus.None, false)]
    [InlineData(SiloStatus.Created, false)]
    [InlineData(SiloStatus.Joining, false)]
    [InlineData(SiloStatus.Active, false)]
    [InlineData(SiloStatus.ShuttingDown, true)]
    [InlineData(SiloStatus.Stopping, true)]
    [InlineData(SiloStatus.Dead, true)]
    public void IsTerminating_EachStatus_IsTrueFromShuttingDownOn(SiloStatus status, bool expected)
    {
        Assert.Equal(expected, status.IsTerminating());
    }

    [Fact]
    public void SiloStatus_StoredNumbers_MatchOrleans()
    {
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], Enum.GetValues<SiloStatus>().Select(status => (int)status));
    }

    [Fact]
    public void TableVersion_Next_AdvancesTheVersionAndKeepsTheEtag()
    {
        Assert.Equal(new TableVersion(8, "7"), new TableVersion(7, "7").Next());
    }
}
