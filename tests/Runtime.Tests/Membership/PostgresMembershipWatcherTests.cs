using System.Diagnostics;
using System.Threading.Channels;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Tests.Storage;
using Npgsql;
using static Cluster.Runtime.Tests.Membership.MembershipTestData;
using static Cluster.Runtime.Tests.Storage.PostgresGrainStorageSchemaTests;

namespace Cluster.Runtime.Tests.Membership;

public sealed class PostgresMembershipWatcherTests(PostgresDatabaseFixture fixture) : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Watcher_EachChangeOfItsCluster_IsHeardWithinASecondWithItsVersion()
    {
        var options = MembershipOptions(fixture.ConnectionString);
        await using var table = new PostgresMembershipTable(options);
        await table.InitializeAsync(CancellationToken.None);
        await using var watcher = new PostgresMembershipWatcher(options);
        var changes = Record(watcher);
        await watcher.StartAsync(CancellationToken.None);
        Assert.Equal(new MembershipChange(MembershipChangeReason.Connected, null), await changes.ReadAsync());
        var entry = Entry(NewAddress(), SiloStatus.Joining, Now().AddDays(-1));

        await ExpectAsync(changes, 1, () => InsertAsync(table, entry));
        await ExpectAsync(changes, 2, () => UpdateAsync(table, entry.WithStatus(SiloStatus.Dead)));
        await table.UpdateIAmAliveAsync(entry, CancellationToken.None);
        await ExpectAsync(changes, 3, () => table.CleanupDefunctSiloEntriesAsync(Now(), CancellationToken.None));
        await ExpectAsync(changes, 4, () => InsertAsync(table, Entry(NewAddress())));
        await ExpectAsync(changes, 5, () => table.DeleteMembershipTableEntriesAsync(CancellationToken.None));

        Assert.Equal(5, watcher.LastVersion);
        Assert.False(changes.TryRead(out var extra), $"Unexpected signal {extra}.");
    }

    [Fact]
    public async Task Watcher_ChangesOfAnotherClusterOrRefusedChanges_AreNotHeard()
    {
        var mine = MembershipOptions(fixture.ConnectionString);
        await using var myTable = new PostgresMembershipTable(mine);
        await using var otherTable = new PostgresMembershipTable(MembershipOptions(fixture.ConnectionString));
        await myTable.InitializeAsync(CancellationToken.None);
        await using var watcher = new PostgresMembershipWatcher(mine);
        var changes = Record(watcher);
        await watcher.StartAsync(CancellationToken.None);
        Assert.Equal(MembershipChangeReason.Connected, (await changes.ReadAsync()).Reason);

        await InsertAsync(otherTable, Entry(NewAddress()));
        await InsertAsync(otherTable, Entry(NewAddress()));
        Assert.False(await myTable.InsertRowAsync(Entry(NewAddress()), new TableVersion(6, "5"), CancellationToken.None));
        var entry = Entry(NewAddress());
        await ExpectAsync(changes, 1, () => InsertAsync(myTable, entry));
        Assert.False(await myTable.InsertRowAsync(entry, new TableVersion(2, "1"), CancellationToken.None));
        await ExpectAsync(changes, 2, () => UpdateAsync(myTable, entry.WithStatus(SiloStatus.Active)));

        Assert.False(changes.TryRead(out var extra), $"Unexpected signal {extra}.");
    }

    [Fact]
    public async Task Watcher_ConnectionTerminated_ReconnectsSignalsChangedAndHearsLaterChanges()
    {
        var applicationName = "watcher-" + Guid.NewGuid().ToString("N");
        var options = MembershipOptions(new NpgsqlConnectionStringBuilder(fixture.ConnectionString) { ApplicationName = applicationName }.ConnectionString);
        options.ListenReconnectDelay = TimeSpan.FromMilliseconds(100);
        await using var table = new PostgresMembershipTable(options);
        await table.InitializeAsync(CancellationToken.None);
        var logger = new ListLogger<PostgresMembershipWatcher>();
        await using var watcher = new PostgresMembershipWatcher(options, logger);
        var changes = Record(watcher);
        await watcher.StartAsync(CancellationToken.None);
        Assert.Equal(MembershipChangeReason.Connected, (await changes.ReadAsync()).Reason);

        Assert.Equal([true], await QueryAsync(fixture.ConnectionString, TerminateSql(applicationName), r => r.GetBoolean(0)));
        var reconnected = await changes.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(new MembershipChange(MembershipChangeReason.Reconnected, null), reconnected);
        Assert.True(watcher.IsListening);
        Assert.Contains(logger.Entries, log => log.Message.Contains("lost or could not open its PostgreSQL connection", StringComparison.Ordinal));
        await ExpectAsync(changes, 1, () => InsertAsync(table, Entry(NewAddress())));
    }

    [Fact]
    public async Task Watcher_HandlerThrows_OtherHandlersStillSignalled()
    {
        var options = MembershipOptions(fixture.ConnectionString);
        await using var table = new PostgresMembershipTable(options);
        var logger = new ListLogger<PostgresMembershipWatcher>();
        await using var watcher = new PostgresMembershipWatcher(options, logger);
        watcher.Changed += _ => throw new InvalidOperationException("handler bug");
        var changes = Record(watcher);
        await watcher.StartAsync(CancellationToken.None);
        Assert.Equal(MembershipChangeReason.Connected, (await changes.ReadAsync()).Reason);

        await ExpectAsync(changes, 1, () => InsertAsync(table, Entry(NewAddress())));

        Assert.Equal(2, logger.Entries.Count(log => log.Message.Contains("threw", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Start_ServerUnreachable_KeepsRetryingUntilDisposed()
    {
        var options = MembershipOptions("Host=127.0.0.1;Port=1;Username=nobody;Password=hunter2;Timeout=1");
        options.ListenReconnectDelay = TimeSpan.FromMilliseconds(50);
        options.ListenMaxReconnectDelay = TimeSpan.FromMilliseconds(200);
        var logger = new ListLogger<PostgresMembershipWatcher>();
        var watcher = new PostgresMembershipWatcher(options, logger);

        await Assert.ThrowsAsync<TimeoutException>(() => watcher.StartAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(1)));
        await watcher.DisposeAsync();

        Assert.False(watcher.IsListening);
        Assert.True(logger.Entries.Count(log => log.Level == Microsoft.Extensions.Logging.LogLevel.Warning) >= 2);
        Assert.DoesNotContain(logger.Entries, log => log.Message.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dispose_ListeningWatcher_ClosesItsConnection()
    {
        var applicationName = "watcher-" + Guid.NewGuid().ToString("N");
        var options = MembershipOptions(new NpgsqlConnectionStringBuilder(fixture.ConnectionString) { ApplicationName = applicationName }.ConnectionString);
        var watcher = new PostgresMembershipWatcher(options);
        await watcher.StartAsync(CancellationToken.None);

        await watcher.DisposeAsync();

        Assert.False(watcher.IsListening);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => watcher.StartAsync(CancellationToken.None));
        // The server notices the closed socket a moment after the client closes it.
        var deadline = Stopwatch.StartNew();
        while (await CountBackendsAsync(applicationName) > 0)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(5), "The watcher's connection is still open.");
            await Task.Delay(20);
        }
    }

    private async Task<long> CountBackendsAsync(string applicationName) =>
        (await QueryAsync(fixture.ConnectionString, $"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{applicationName}'", r => r.GetInt64(0)))[0];

    private static string TerminateSql(string applicationName) =>
        $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '{applicationName}' AND query LIKE 'LISTEN%'";

    private static ChannelReader<MembershipChange> Record(PostgresMembershipWatcher watcher)
    {
        var channel = Channel.CreateUnbounded<MembershipChange>();
        watcher.Changed += change => channel.Writer.TryWrite(change);
        return channel.Reader;
    }

    /// <summary>Runs <paramref name="change"/> and expects a notification of <paramref name="version"/> within a second of its commit.</summary>
    private static async Task ExpectAsync(ChannelReader<MembershipChange> changes, int version, Func<Task> change)
    {
        await change();
        var committed = Stopwatch.StartNew();
        var heard = await changes.ReadAsync().AsTask().WaitAsync(OneSecond);
        Assert.Equal(new MembershipChange(MembershipChangeReason.Notification, version), heard);
        Assert.True(committed.Elapsed < OneSecond, $"Heard after {committed.Elapsed}.");
    }
}
