using Cluster.Runtime.Membership;
using Cluster.Runtime.Tests.Storage;
using static Cluster.Runtime.Tests.Membership.MembershipTestData;

namespace Cluster.Runtime.Tests.Membership;

public sealed class PostgresMembershipTableTests(PostgresDatabaseFixture fixture) : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task InsertRow_EveryFieldSet_ReadsBackEqual()
    {
        await using var table = NewTable();
        var now = Now();
        var entry = new MembershipEntry
        {
            SiloAddress = NewAddress("Silo-A.Example.com", 123456789),
            SiloName = "silo \"a\" ✓",
            HostName = "machine-1",
            Status = SiloStatus.Active,
            StartTime = now.AddHours(-1).ToOffset(TimeSpan.FromHours(2)),
            IAmAliveTime = now,
            SuspectTimes =
            [
                new SuspectVote(new SiloAddress("::1", 11111, 42), now.AddSeconds(-5)),
                new SuspectVote(NewAddress(), now.AddTicks(-1234567)),
            ],
        };

        var empty = await table.ReadAllAsync(None);
        Assert.True(await table.InsertRowAsync(entry, empty.Version.Next(), None));

        var all = await table.ReadAllAsync(None);
        var row = await table.ReadRowAsync(entry.SiloAddress, None);
        Assert.Equal(new TableVersion(0, "0"), empty.Version);
        Assert.Empty(empty.Members);
        Assert.Equal(new TableVersion(1, "1"), all.Version);
        var (read, etag) = Assert.Single(all.Members);
        Assert.Equal(entry, read);
        Assert.Equal("silo-a.example.com", read.SiloAddress.Host);
        Assert.Equal(TimeSpan.Zero, read.StartTime.Offset);
        Assert.Equal("1", etag);
        Assert.Equal(all, row);
    }

    [Fact]
    public async Task ReadRow_OtherGeneration_ReturnsNoRowButTheVersion()
    {
        await using var table = NewTable();
        var address = NewAddress(generation: 10);
        await InsertAsync(table, Entry(address));

        var data = await table.ReadRowAsync(new SiloAddress(address.Host, address.Port, 11), None);

        Assert.Empty(data.Members);
        Assert.Equal(1, data.Version.Version);
        Assert.False(data.TryGet(address, out _, out _));
    }

    [Fact]
    public async Task InsertRow_TwoWritersWithTheSameVersion_ExactlyOneSucceeds()
    {
        var options = MembershipOptions(fixture.ConnectionString);
        await using var first = new PostgresMembershipTable(options);
        await using var second = new PostgresMembershipTable(options);
        for (var round = 0; round < 10; round++)
        {
            var version = (await first.ReadAllAsync(None)).Version.Next();
            var entries = new[] { Entry(NewAddress()), Entry(NewAddress()) };

            var results = await Task.WhenAll(
                Task.Run(() => first.InsertRowAsync(entries[0], version, None)),
                Task.Run(() => second.InsertRowAsync(entries[1], version, None)));

            Assert.Single(results, result => result);
            var data = await first.ReadAllAsync(None);
            Assert.Equal(round + 1, data.Version.Version);
            Assert.Equal(round + 1, data.Members.Count);
            Assert.Contains(data.Members, member => member.Entry == entries[results[0] ? 0 : 1]);
        }
    }

    [Fact]
    public async Task UpdateRow_TwoWritersWithTheSameVersionAndEtag_ExactlyOneSucceeds()
    {
        var options = MembershipOptions(fixture.ConnectionString);
        await using var first = new PostgresMembershipTable(options);
        await using var second = new PostgresMembershipTable(options);
        var entry = Entry(NewAddress(), SiloStatus.Active);
        await InsertAsync(first, entry);
        for (var round = 0; round < 10; round++)
        {
            var data = await first.ReadRowAsync(entry.SiloAddress, None);
            Assert.True(data.TryGet(entry.SiloAddress, out var current, out var etag));
            var votes = new[] { current.WithVote(NewAddress("10.0.0.2"), Now()), current.WithVote(NewAddress("10.0.0.3"), Now()) };

            var results = await Task.WhenAll(
                Task.Run(() => first.UpdateRowAsync(votes[0], etag, data.Version.Next(), None)),
                Task.Run(() => second.UpdateRowAsync(votes[1], etag, data.Version.Next(), None)));

            Assert.Single(results, result => result);
            var after = await first.ReadRowAsync(entry.SiloAddress, None);
            Assert.Equal(data.Version.Version + 1, after.Version.Version);
            Assert.Equal(votes[results[0] ? 0 : 1], Assert.Single(after.Members).Entry);
            Assert.Equal((round + 2).ToString(System.Globalization.CultureInfo.InvariantCulture), after.Members[0].ETag);
        }
    }

    [Fact]
    public async Task UpdateRow_StaleRowEtag_ReturnsFalseAndChangesNothing()
    {
        await using var table = NewTable();
        var entry = Entry(NewAddress(), SiloStatus.Joining);
        await InsertAsync(table, entry);
        var stale = await table.ReadAllAsync(None);
        await UpdateAsync(table, entry.WithStatus(SiloStatus.Active));
        var before = await table.ReadAllAsync(None);

        var staleEtag = await table.UpdateRowAsync(entry.WithStatus(SiloStatus.ShuttingDown), stale.Members[0].ETag, before.Version.Next(), None);
        var staleVersion = await table.UpdateRowAsync(entry.WithStatus(SiloStatus.ShuttingDown), before.Members[0].ETag, stale.Version.Next(), None);

        Assert.False(staleEtag);
        Assert.False(staleVersion);
        Assert.Equal(before, await table.ReadAllAsync(None));
        Assert.Equal(SiloStatus.Active, before.Members[0].Entry.Status);
    }

    [Fact]
    public async Task InsertRow_RowExistsOrLaterGenerationExists_ReturnsFalseAndKeepsVersion()
    {
        await using var table = NewTable();
        var address = NewAddress(generation: 500);
        await InsertAsync(table, Entry(address));
        var before = await table.ReadAllAsync(None);

        var again = await table.InsertRowAsync(Entry(address, SiloStatus.Active), before.Version.Next(), None);
        var older = await table.InsertRowAsync(Entry(new SiloAddress(address.Host, address.Port, 499)), before.Version.Next(), None);
        var newer = await table.InsertRowAsync(Entry(new SiloAddress(address.Host, address.Port, 501)), before.Version.Next(), None);

        Assert.False(again);
        Assert.False(older);
        Assert.True(newer);
        var after = await table.ReadAllAsync(None);
        Assert.Equal(before.Version.Version + 1, after.Version.Version);
        Assert.Equal([500L, 501L], after.Members.Select(member => member.Entry.SiloAddress.Generation));
        Assert.Equal(SiloStatus.Joining, after.Members[0].Entry.Status);
    }

    [Fact]
    public async Task UpdateRow_DeadRow_ReturnsFalseWhateverTheNewStatus()
    {
        await using var table = NewTable();
        var entry = Entry(NewAddress(), SiloStatus.Active);
        await InsertAsync(table, entry);
        await UpdateAsync(table, entry.WithStatus(SiloStatus.Dead));
        var dead = await table.ReadAllAsync(None);
        var etag = dead.Members[0].ETag;

        foreach (var status in Enum.GetValues<SiloStatus>())
        {
            Assert.False(await table.UpdateRowAsync(entry.WithStatus(status), etag, dead.Version.Next(), None), $"Dead became {status}.");
        }

        Assert.False(await table.UpdateIAmAliveAsync(entry with { IAmAliveTime = Now().AddMinutes(1) }, None));
        Assert.Equal(dead, await table.ReadAllAsync(None));
    }

    [Fact]
    public async Task UpdateIAmAlive_LiveRow_MovesOnlyIAmAliveForwardAndKeepsVersions()
    {
        await using var table = NewTable();
        var entry = Entry(NewAddress(), SiloStatus.Active, Now().AddMinutes(-10));
        await InsertAsync(table, entry);
        var before = await table.ReadAllAsync(None);
        var later = Now();

        Assert.True(await table.UpdateIAmAliveAsync(entry with { IAmAliveTime = later, SiloName = "ignored", Status = SiloStatus.Dead }, None));
        Assert.True(await table.UpdateIAmAliveAsync(entry with { IAmAliveTime = later.AddMinutes(-5) }, None));

        var after = await table.ReadAllAsync(None);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Members[0].ETag, after.Members[0].ETag);
        Assert.Equal(entry with { IAmAliveTime = later }, after.Members[0].Entry);

        // The update still works with the ETag read before the heartbeat, and cannot move IAmAlive back.
        Assert.True(await table.UpdateRowAsync(entry.WithStatus(SiloStatus.ShuttingDown), before.Members[0].ETag, after.Version.Next(), None));
        Assert.Equal(later, (await table.ReadAllAsync(None)).Members[0].Entry.IAmAliveTime);
    }

    [Fact]
    public async Task UpdateIAmAlive_MissingRow_ReturnsFalse()
    {
        await using var table = NewTable();

        Assert.False(await table.UpdateIAmAliveAsync(Entry(NewAddress()), None));
    }

    [Fact]
    public async Task CleanupDefunctSiloEntries_OldRowsNotActive_AreDeletedOthersKept()
    {
        await using var table = NewTable();
        var old = Now().AddDays(-8);
        var oldDead = Entry(NewAddress(), SiloStatus.Dead, old);
        var oldJoining = Entry(NewAddress(), SiloStatus.Joining, old);
        var oldShuttingDown = Entry(NewAddress(), SiloStatus.ShuttingDown, old);
        var oldActive = Entry(NewAddress(), SiloStatus.Active, old);
        var freshDead = Entry(NewAddress(), SiloStatus.Dead);
        var freshActive = Entry(NewAddress(), SiloStatus.Active);
        foreach (var entry in new[] { oldDead, oldJoining, oldShuttingDown, oldActive, freshDead, freshActive })
        {
            await InsertAsync(table, entry);
        }

        var deleted = await table.CleanupDefunctSiloEntriesAsync(Now().AddDays(-7), None);
        var again = await table.CleanupDefunctSiloEntriesAsync(Now().AddDays(-7), None);

        Assert.Equal(3, deleted);
        Assert.Equal(0, again);
        var data = await table.ReadAllAsync(None);
        Assert.Equal(7, data.Version.Version);
        Assert.Equal(
            new[] { oldActive, freshDead, freshActive }.Select(entry => entry.SiloAddress).OrderBy(address => address.Port),
            data.Members.Select(member => member.Entry.SiloAddress));
    }

    [Fact]
    public async Task DeleteMembershipTableEntries_RowsPresent_DeletesThemAndVersionKeepsRising()
    {
        await using var table = NewTable();
        await InsertAsync(table, Entry(NewAddress()));
        await InsertAsync(table, Entry(NewAddress()));

        await table.DeleteMembershipTableEntriesAsync(None);
        await table.DeleteMembershipTableEntriesAsync(None);

        var data = await table.ReadAllAsync(None);
        Assert.Empty(data.Members);
        Assert.Equal(3, data.Version.Version);
        await InsertAsync(table, Entry(NewAddress()));
    }

    [Fact]
    public async Task ClusterIds_SharingADatabase_DoNotSeeEachOther()
    {
        await using var blue = NewTable();
        await using var green = NewTable();
        var address = NewAddress();
        await InsertAsync(blue, Entry(address, SiloStatus.Active));
        await InsertAsync(blue, Entry(NewAddress(), SiloStatus.Dead, Now().AddDays(-30)));
        await InsertAsync(green, Entry(address, SiloStatus.Joining, Now().AddDays(-30)));

        await blue.CleanupDefunctSiloEntriesAsync(Now(), None);
        await UpdateAsync(blue, Entry(address, SiloStatus.ShuttingDown));

        var blueData = await blue.ReadAllAsync(None);
        var greenData = await green.ReadAllAsync(None);
        Assert.Equal(4, blueData.Version.Version);
        Assert.Equal(SiloStatus.ShuttingDown, Assert.Single(blueData.Members).Entry.Status);
        Assert.Equal(1, greenData.Version.Version);
        Assert.Equal(SiloStatus.Joining, Assert.Single(greenData.Members).Entry.Status);

        await green.DeleteMembershipTableEntriesAsync(None);
        Assert.Single((await blue.ReadAllAsync(None)).Members);
    }

    [Fact]
    public async Task Changes_VersionNotOneAfterItsEtagOrForeignEtag_ThrowArgumentException()
    {
        await using var table = NewTable();
        var entry = Entry(NewAddress());

        var skipped = await Assert.ThrowsAsync<ArgumentException>(() => table.InsertRowAsync(entry, new TableVersion(2, "0"), None));
        var foreignVersion = await Assert.ThrowsAsync<ArgumentException>(() => table.InsertRowAsync(entry, new TableVersion(1, "v0"), None));
        var foreignEtag = await Assert.ThrowsAsync<ArgumentException>(() => table.UpdateRowAsync(entry, "W/\"1\"", new TableVersion(1, "0"), None));

        Assert.Contains("Table version 2 does not follow its ETag '0'", skipped.Message, StringComparison.Ordinal);
        Assert.Contains("'v0' is not a table version ETag", foreignVersion.Message, StringComparison.Ordinal);
        Assert.Contains("is not a row ETag this membership table issued", foreignEtag.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await table.ReadAllAsync(None)).Version.Version);
    }

    private PostgresMembershipTable NewTable() => new(MembershipOptions(fixture.ConnectionString));
}
