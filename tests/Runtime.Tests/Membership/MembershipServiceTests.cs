using Cluster.Runtime.Hosting;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Testing;
using Cluster.Runtime.Tests.Infrastructure;
using Cluster.Runtime.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cluster.Runtime.Tests.Membership;

public sealed class MembershipServiceTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task Start_ThreeSilos_EachSeesAllThreeActive()
    {
        var clusterId = Probe.NewKey("cluster");
        await using var first = await StartSiloAsync(clusterId);
        await using var second = await StartSiloAsync(clusterId);
        await using var third = await StartSiloAsync(clusterId);
        var silos = new[] { first, second, third };

        await Probe.WaitUntilAsync(
            () => silos.All(silo => Membership(silo).Current.Active.Count() == 3),
            because: "every silo reads three active rows");

        var addresses = silos.Select(silo => Membership(silo).SiloAddress).ToHashSet();
        Assert.Equal(3, addresses.Count);
        Assert.All(silos, silo => Assert.True(addresses.SetEquals(Membership(silo).Current.Active.Select(entry => entry.SiloAddress))));
    }

    [Fact]
    public async Task Stop_OneOfTwoSilos_TheOtherSeesItDeadAtOnce()
    {
        var clusterId = Probe.NewKey("cluster");
        await using var staying = await StartSiloAsync(clusterId);
        var leaving = await StartSiloAsync(clusterId);
        var leavingAddress = Membership(leaving).SiloAddress!;
        await Probe.WaitUntilAsync(() => Membership(staying).Current.Active.Count() == 2, because: "both silos are active");

        await leaving.DisposeAsync();

        // Notified through LISTEN/NOTIFY, well before the 30 s table refresh of this test's options.
        await Probe.WaitUntilAsync(
            () => Membership(staying).Current.StatusOf(leavingAddress) == SiloStatus.Dead,
            TimeSpan.FromSeconds(5),
            "the leaving silo's row turns Dead");
    }

    [Fact]
    public async Task Restart_SameEndpoint_JoinsWithANewerGeneration()
    {
        var clusterId = Probe.NewKey("cluster");
        var first = await StartSiloAsync(clusterId);
        var firstAddress = Membership(first).SiloAddress!;
        await first.DisposeAsync();

        await using var restarted = await StartSiloAsync(clusterId, firstAddress.Port);
        var restartedAddress = Membership(restarted).SiloAddress!;

        Assert.True(restartedAddress.IsSameEndpoint(firstAddress));
        Assert.True(restartedAddress.Generation > firstAddress.Generation);
        Assert.Equal(SiloStatus.Dead, Membership(restarted).Current.StatusOf(firstAddress));
        Assert.Equal(SiloStatus.Active, Membership(restarted).Current.StatusOf(restartedAddress));
    }

    [Fact]
    public async Task DeclaredDead_ByAnotherMember_SiloStopsItsHost()
    {
        var clusterId = Probe.NewKey("cluster");
        await using var silo = await StartSiloAsync(clusterId);
        var table = silo.Services.GetRequiredService<IMembershipTable>();
        var self = Membership(silo).SiloAddress!;

        var data = await table.ReadRowAsync(self, CancellationToken.None);
        Assert.True(data.TryGet(self, out var entry, out var etag));
        Assert.True(await table.UpdateRowAsync(entry.WithStatus(SiloStatus.Dead), etag, data.Version.Next(), CancellationToken.None));

        var stopping = silo.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        await Probe.WaitUntilAsync(() => stopping.IsCancellationRequested, TimeSpan.FromSeconds(5), "the silo stops after reading itself Dead");
    }

    private static MembershipService Membership(TestSilo silo) => silo.Services.GetRequiredService<MembershipService>();

    private Task<TestSilo> StartSiloAsync(string clusterId, int port = 0) =>
        TestSilo.StartAsync(configureSilo: silo =>
        {
            silo.AddGateway(options => options.Port = port);
            silo.AddPostgresClustering(options =>
            {
                options.ConnectionString = database.ConnectionString;
                options.ClusterId = clusterId;
            });
            silo.Services.Configure<ClusterMembershipOptions>(options =>
            {
                options.IAmAlivePeriod = TimeSpan.FromMilliseconds(200);
                options.TableRefreshPeriod = TimeSpan.FromSeconds(30);
            });
        });
}
