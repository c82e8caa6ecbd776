using System.Globalization;
using Cluster.Runtime.Core;
using Cluster.Runtime.Reminders;
using Cluster.Runtime.Testing;
using Cluster.Runtime.Tests.Grains;
using Cluster.Runtime.Tests.Infrastructure;
using Cluster.Runtime.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.Runtime.Tests.Reminders;

public sealed class ReminderTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Register_OneSecondPeriod_TicksOnScheduleWithItsStatus()
    {
        await using var cluster = await StartClusterAsync(1);
        var key = Probe.NewKey("reminded");

        await cluster.Silos[0].GrainFactory.GetGrain<IRemindedGrain>(key).RegisterAsync("beat", TimeSpan.Zero, Second);
        await Probe.WaitUntilAsync(() => Ticks(key, "beat").Count >= 3, TimeSpan.FromSeconds(15), "three ticks arrive");

        var ticks = Ticks(key, "beat");
        Assert.All(ticks, tick => Assert.Equal(Second, tick.Period));
        Assert.Equal(ticks.Count, ticks.Select(tick => tick.DueAt).Distinct().Count());
        Assert.All(ticks.Zip(ticks.Skip(1)), pair => Assert.Equal(0, (pair.Second.DueAt - pair.First.DueAt).Ticks % Second.Ticks));
    }

    [Fact]
    public async Task Unregister_AfterATick_NoMoreTicksAndNotListed()
    {
        await using var cluster = await StartClusterAsync(1);
        var grain = cluster.Silos[0].GrainFactory.GetGrain<IRemindedGrain>(Probe.NewKey("reminded"));
        var key = grain.GetPrimaryKeyString();
        await grain.RegisterAsync("beat", TimeSpan.Zero, Second);
        await grain.RegisterAsync("other", TimeSpan.FromHours(1), TimeSpan.FromHours(1));
        await Probe.WaitUntilAsync(() => Ticks(key, "beat").Count >= 1, TimeSpan.FromSeconds(15), "a first tick arrives");

        await grain.UnregisterAsync("beat");
        var afterUnregister = Ticks(key, "beat").Count;
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.InRange(Ticks(key, "beat").Count, afterUnregister, afterUnregister + 1);
        Assert.Equal(["other"], await grain.ListAsync());
    }

    [Fact]
    public async Task RegisterOrUpdate_SameName_ReplacesTheScheduleInsteadOfAddingOne()
    {
        await using var cluster = await StartClusterAsync(1);
        var grain = cluster.Silos[0].GrainFactory.GetGrain<IRemindedGrain>(Probe.NewKey("reminded"));

        await grain.RegisterAsync("daily", TimeSpan.FromHours(1), TimeSpan.FromDays(1));
        await grain.RegisterAsync("daily", TimeSpan.Zero, Second);
        await Probe.WaitUntilAsync(() => Ticks(grain.GetPrimaryKeyString(), "daily").Count >= 1, TimeSpan.FromSeconds(15), "the new schedule ticks");

        Assert.Equal(["daily"], await grain.ListAsync());
        Assert.All(Ticks(grain.GetPrimaryKeyString(), "daily"), tick => Assert.Equal(Second, tick.Period));
    }

    [Fact]
    public async Task Register_PeriodBelowTheMinimum_RefusedSayingWhatToSet()
    {
        await using var cluster = await StartClusterAsync(1);
        var grain = cluster.Silos[0].GrainFactory.GetGrain<IRemindedGrain>(Probe.NewKey("reminded"));

        var refused = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => grain.RegisterAsync("fast", TimeSpan.Zero, TimeSpan.FromMilliseconds(100)));

        Assert.Contains("Reminders:MinimumPeriod", refused.Message, StringComparison.Ordinal);
        Assert.False(await grain.HasAsync("fast"));
    }

    [Fact]
    public async Task Register_EmptyName_Refused()
    {
        await using var cluster = await StartClusterAsync(1);
        var grain = cluster.Silos[0].GrainFactory.GetGrain<IRemindedGrain>(Probe.NewKey("reminded"));

        await Assert.ThrowsAsync<ArgumentException>(() => grain.RegisterAsync(" ", TimeSpan.Zero, Second));
    }

    [Fact]
    public async Task Tick_GrainThrows_CountedAsAFailureAndTicksGoOn()
    {
        await using var cluster = await StartClusterAsync(1);
        var grain = cluster.Silos[0].GrainFactory.GetGrain<IRemindedGrain>(Probe.NewKey("reminded"));
        await grain.FailTicksAsync(true);
        await grain.RegisterAsync("beat", TimeSpan.Zero, Second);

        await Probe.WaitUntilAsync(() => Ticks(grain.GetPrimaryKeyString(), "beat").Count >= 2, TimeSpan.FromSeconds(15), "ticks go on after a failure");
        var status = await StatusAsync(cluster.Silos[0], grain);

        Assert.True(status.Failures >= 1, $"failures: {status.Failures}");
        Assert.Contains("asked to fail", status.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_TheOnlySilo_StoredRemindersTickAgainWithoutACall()
    {
        await using var cluster = await StartClusterAsync(1);
        var key = Probe.NewKey("reminded");
        await cluster.Silos[0].GrainFactory.GetGrain<IRemindedGrain>(key).RegisterAsync("beat", TimeSpan.Zero, Second);
        await Probe.WaitUntilAsync(() => Ticks(key, "beat").Count >= 1, TimeSpan.FromSeconds(15), "a first tick arrives");

        await cluster.StopSiloAsync(cluster.Silos[0]);
        var successor = await cluster.StartSiloAsync();
        var successorAddress = TestCluster.AddressOf(successor).ToString();

        await Probe.WaitUntilAsync(
            () => Ticks(key, "beat").Any(tick => tick.Silo == successorAddress),
            TimeSpan.FromSeconds(20),
            "the new silo delivers the stored reminder's ticks");
    }

    [Fact]
    public async Task Kill_TheSiloServingThePartition_TheOtherSiloDeliversTheTicks()
    {
        await using var cluster = await StartClusterAsync(2);
        var grain = cluster.Silos[0].GrainFactory.GetGrain<IRemindedGrain>(Probe.NewKey("reminded"));
        await grain.RegisterAsync("beat", TimeSpan.Zero, Second);
        var serving = (await StatusAsync(cluster.Silos[0], grain)).Silo;
        var victim = cluster.Silos.Single(silo => TestCluster.AddressOf(silo).ToString() == serving);
        var survivor = cluster.Silos.Single(silo => silo != victim);

        await cluster.KillSiloAsync(victim);
        var killedAt = DateTime.UtcNow;

        // Two ticks: the first may be one due before the kill, delivered late as the partition moved.
        await Probe.WaitUntilAsync(
            async () => (await StatusAsync(survivor, grain)) is { Ticks: >= 2 } status && status.Silo != serving,
            TimeSpan.FromSeconds(30),
            "the surviving silo serves the partition and delivers ticks");
        Assert.Contains(Ticks(grain.GetPrimaryKeyString(), "beat"), tick => tick.DueAt > killedAt);
    }

    private static async Task<ReminderStatus> StatusAsync(TestSilo silo, IRemindedGrain grain)
    {
        var grainId = ((IAddressable)grain).GetGrainId();
        var partition = silo.GrainFactory.GetGrain<IReminderPartitionGrain>(ReminderPartitions.Of(grainId));
        return (await partition.ListAsync()).Single(status => status.GrainId == grainId.ToString());
    }

    // Events are tick|name|due ticks|period ticks|silo, as RemindedGrain records them.
    private static List<(DateTime DueAt, TimeSpan Period, string Silo)> Ticks(string key, string name) =>
        [.. Probe.EventsOf(key)
            .Select(evt => evt.Split('|'))
            .Where(parts => parts is ["tick", _, _, _, _] && parts[1] == name)
            .Select(parts => (new DateTime(long.Parse(parts[2], CultureInfo.InvariantCulture), DateTimeKind.Utc), TimeSpan.FromTicks(long.Parse(parts[3], CultureInfo.InvariantCulture)), parts[4]))];

    private Task<TestCluster> StartClusterAsync(int silos) =>
        TestCluster.StartAsync(options =>
        {
            options.ConnectionString = database.ConnectionString;
            options.InitialSilos = silos;
            options.ConfigureSilo = silo => silo.Services.Configure<ReminderOptions>(reminders =>
            {
                reminders.MinimumPeriod = Second;
                reminders.RefreshPeriod = Second;
            });
        });
}
