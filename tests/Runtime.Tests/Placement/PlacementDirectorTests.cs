using Cluster.Runtime.Membership;
using Cluster.Runtime.Placement;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Tests.Placement;

public sealed class PlacementDirectorTests
{
    private static readonly SiloAddress SiloA = new("10.0.0.1", 11111, 1);
    private static readonly SiloAddress SiloB = new("10.0.0.2", 11111, 1);

    [Fact]
    public void Place_BurstOnTwoSilosBetweenProbes_SpreadsActivationsEvenly()
    {
        // Two silos each placing half of a burst, the activations others place on them arriving at once while their
        // own placements reach the other silo only at the next probe (none within the burst).
        var directors = new Dictionary<SiloAddress, PlacementDirector> { [SiloA] = NewDirector(), [SiloB] = NewDirector() };
        var hosted = new Dictionary<SiloAddress, int> { [SiloA] = 0, [SiloB] = 0 };
        for (var i = 0; i < 2000; i++)
        {
            var self = i % 2 == 0 ? SiloA : SiloB;
            var chosen = directors[self].Place(PlacementStrategy.ActivationCountBased, self, [SiloA, SiloB], hosted[self]);
            hosted[chosen]++;
        }

        Assert.InRange(hosted[SiloA], 900, 1100);
    }

    [Fact]
    public void Place_OtherSiloReportedBusier_ChoosesThisSiloUntilEven()
    {
        var director = NewDirector();
        director.ReportLoad(SiloB, 10);

        var chosen = Enumerable.Range(0, 10)
            .Select(_ => director.Place(PlacementStrategy.ActivationCountBased, SiloA, [SiloA, SiloB], localActivations: 0))
            .ToList();

        Assert.All(chosen, silo => Assert.Equal(SiloA, silo));
    }

    [Fact]
    public void Place_PreferLocalWithThisSiloAmongCandidates_ChoosesThisSilo()
    {
        var director = NewDirector();
        director.ReportLoad(SiloB, 0);

        var chosen = director.Place(PlacementStrategy.PreferLocal, SiloA, [SiloA, SiloB], localActivations: 1000);

        Assert.Equal(SiloA, chosen);
    }

    [Fact]
    public void Place_Random_UsesEveryCandidate()
    {
        var director = NewDirector();

        var chosen = Enumerable.Range(0, 200)
            .Select(_ => director.Place(PlacementStrategy.Random, SiloA, [SiloA, SiloB], localActivations: 0))
            .ToHashSet();

        Assert.Equal(2, chosen.Count);
    }

    private static PlacementDirector NewDirector() =>
        new(Options.Create(new ClusterMembershipOptions { ProbePeriod = TimeSpan.FromHours(1) }));
}
