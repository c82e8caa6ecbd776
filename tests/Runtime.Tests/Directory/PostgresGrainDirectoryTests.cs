using Cluster.Runtime.Core;
using Cluster.Runtime.Directory;
using Cluster.Runtime.Tests.Storage;
using Npgsql;
using static Cluster.Runtime.Tests.Directory.DirectoryTestData;

namespace Cluster.Runtime.Tests.Directory;

public sealed class PostgresGrainDirectoryTests(PostgresDatabaseFixture fixture) : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Register_NewGrain_WinsAndLooksUpEqual()
    {
        await using var directory = NewDirectory();
        var grain = new GrainId("user", "key with 'quotes', \"doubles\" and ✓");
        var address = new GrainAddress(grain, NewSilo("Silo-A.Example.com"), Guid.NewGuid(), DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(2)));

        Assert.Null(await directory.LookupAsync(grain, None));
        var registered = await directory.RegisterAsync(address, null, None);
        var found = await directory.LookupAsync(grain, None);

        Assert.Equal(address, registered);
        Assert.Equal(address, found);
        Assert.Equal("silo-a.example.com", found!.SiloAddress.Host);
        Assert.Equal(TimeSpan.Zero, found.RegisteredAt.Offset);
    }

    [Fact]
    public async Task Lookup_ConcurrentForOneGrain_ShareOneQueryAndTheNextReadsAgain()
    {
        await using var directory = NewDirectory();
        var grain = NewGrain();
        var address = NewAddress(grain);
        await directory.RegisterAsync(address, null, None);

        // The table locked, the first query cannot finish before the second lookup starts, however loaded the machine.
        await using var blocker = new NpgsqlConnection(fixture.ConnectionString);
        await blocker.OpenAsync();
        Task<GrainAddress?> first, second, other;
        await using (var transaction = await blocker.BeginTransactionAsync())
        {
            await using (var lockTable = new NpgsqlCommand($"LOCK TABLE {DirectorySchema.Table} IN ACCESS EXCLUSIVE MODE", blocker, transaction))
            {
                await lockTable.ExecuteNonQueryAsync();
            }

            first = directory.LookupAsync(grain, None);
            second = directory.LookupAsync(grain, None);
            other = directory.LookupAsync(NewGrain(), None);
            await transaction.CommitAsync();
        }

        Assert.Equal(address, await first);
        await directory.UnregisterAsync(address, None);
        var afterUnregister = await directory.LookupAsync(grain, None);

        Assert.Same(first, second);
        Assert.NotSame(first, other);
        Assert.Null(await other);
        Assert.Null(afterUnregister);
    }

    [Fact]
    public async Task Register_SameActivationTwice_ReturnsItBothTimes()
    {
        await using var directory = NewDirectory();
        var address = NewAddress(NewGrain());

        Assert.Equal(address, await directory.RegisterAsync(address, null, None));
        Assert.Equal(address, await directory.RegisterAsync(address, null, None));
    }

    [Fact]
    public async Task Register_EightSilosAtOnce_ExactlyOneWinsAndAllAreToldIt()
    {
        var options = DirectoryOptions(fixture.ConnectionString);
        var directories = Enumerable.Range(0, 8).Select(_ => new PostgresGrainDirectory(options)).ToArray();
        try
        {
            await directories[0].InitializeAsync(None);
            for (var round = 0; round < 5; round++)
            {
                var grain = NewGrain();
                var candidates = directories.Select(_ => NewAddress(grain)).ToArray();
                using var start = new Barrier(directories.Length);

                var results = await Task.WhenAll(directories.Select((directory, i) => Task.Run(() =>
                {
                    start.SignalAndWait();
                    return directory.RegisterAsync(candidates[i], null, None);
                })));

                var winner = results[0];
                Assert.All(results, result => Assert.Equal(winner, result));
                Assert.Contains(winner, candidates);
                Assert.Equal(winner, await directories[0].LookupAsync(grain, None));
            }
        }
        finally
        {
            foreach (var directory in directories)
            {
                await directory.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Register_WithWrongPreviousAddress_ReturnsTheExistingWinner()
    {
        await using var directory = NewDirectory();
        var grain = NewGrain();
        var existing = await directory.RegisterAsync(NewAddress(grain), null, None);
        var stranger = NewAddress(grain);

        var result = await directory.RegisterAsync(NewAddress(grain), stranger, None);

        Assert.Equal(existing, result);
        Assert.Equal(existing, await directory.LookupAsync(grain, None));
    }

    [Fact]
    public async Task Register_WithRightPreviousAddress_ReplacesIt()
    {
        await using var directory = NewDirectory();
        var grain = NewGrain();
        var stale = await directory.RegisterAsync(NewAddress(grain), null, None);
        var replacement = NewAddress(grain);

        var result = await directory.RegisterAsync(replacement, stale, None);

        Assert.Equal(replacement, result);
        Assert.Equal(replacement, await directory.LookupAsync(grain, None));
    }

    [Fact]
    public async Task Register_WithPreviousAddressButNoEntry_RegistersAsFirstWriter()
    {
        await using var directory = NewDirectory();
        var grain = NewGrain();
        var address = NewAddress(grain);

        Assert.Equal(address, await directory.RegisterAsync(address, NewAddress(grain), None));
        Assert.Equal(address, await directory.LookupAsync(grain, None));
    }

    [Fact]
    public async Task Register_TwoReplacersOfOneStaleEntry_ExactlyOneWins()
    {
        var options = DirectoryOptions(fixture.ConnectionString);
        await using var first = new PostgresGrainDirectory(options);
        await using var second = new PostgresGrainDirectory(options);
        await Task.WhenAll(first.InitializeAsync(None), second.InitializeAsync(None));
        for (var round = 0; round < 10; round++)
        {
            var grain = NewGrain();
            var stale = await first.RegisterAsync(NewAddress(grain), null, None);
            var candidates = new[] { NewAddress(grain), NewAddress(grain) };
            using var start = new Barrier(2);

            var results = await Task.WhenAll(
                Task.Run(() => { start.SignalAndWait(); return first.RegisterAsync(candidates[0], stale, None); }),
                Task.Run(() => { start.SignalAndWait(); return second.RegisterAsync(candidates[1], stale, None); }));

            Assert.Equal(results[0], results[1]);
            Assert.Contains(results[0], candidates);
            Assert.Equal(results[0], await first.LookupAsync(grain, None));
        }
    }

    [Fact]
    public async Task Register_PreviousAddressOfAnotherGrain_Throws()
    {
        await using var directory = NewDirectory();

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => directory.RegisterAsync(NewAddress(NewGrain()), NewAddress(NewGrain()), None));

        Assert.Equal("previousAddress", exception.ParamName);
    }

    [Fact]
    public async Task Unregister_OtherActivationOfTheGrain_KeepsTheEntry()
    {
        await using var directory = NewDirectory();
        var grain = NewGrain();
        var registered = await directory.RegisterAsync(NewAddress(grain), null, None);
        var sameSiloOtherActivation = new GrainAddress(grain, registered.SiloAddress, Guid.NewGuid(), registered.RegisteredAt);

        Assert.False(await directory.UnregisterAsync(sameSiloOtherActivation, None));
        Assert.Equal(registered, await directory.LookupAsync(grain, None));
        Assert.True(await directory.UnregisterAsync(registered, None));
        Assert.Null(await directory.LookupAsync(grain, None));
        Assert.False(await directory.UnregisterAsync(registered, None));
    }

    [Fact]
    public async Task Unregister_ThenRegisterAgain_NewActivationWins()
    {
        await using var directory = NewDirectory();
        var grain = NewGrain();
        var old = await directory.RegisterAsync(NewAddress(grain), null, None);
        await directory.UnregisterAsync(old, None);
        var next = NewAddress(grain);

        Assert.Equal(next, await directory.RegisterAsync(next, null, None));
    }

    [Fact]
    public async Task LookupMany_SomeRegistered_ReturnsOnlyThose()
    {
        await using var directory = NewDirectory();
        var registered = new[] { NewAddress(NewGrain()), NewAddress(NewGrain("order")) };
        foreach (var address in registered)
        {
            await directory.RegisterAsync(address, null, None);
        }

        var missing = new GrainId(registered[0].GrainId.Type, registered[1].GrainId.Key);
        var found = await directory.LookupManyAsync([registered[0].GrainId, missing, registered[1].GrainId, registered[0].GrainId], None);

        Assert.Equal(2, found.Count);
        Assert.Equal(registered[0], found[registered[0].GrainId]);
        Assert.Equal(registered[1], found[registered[1].GrainId]);
        Assert.Empty(await directory.LookupManyAsync([], None));
    }

    [Fact]
    public async Task Register_SameGrainInTwoClusters_EachSeesOnlyItsOwn()
    {
        await using var blue = NewDirectory();
        await using var green = NewDirectory();
        var grain = NewGrain();
        var blueAddress = NewAddress(grain);
        var greenAddress = NewAddress(grain);

        Assert.Equal(blueAddress, await blue.RegisterAsync(blueAddress, null, None));
        Assert.Equal(greenAddress, await green.RegisterAsync(greenAddress, null, None));
        Assert.Equal(1, await green.UnregisterSilosAsync([blueAddress.SiloAddress, greenAddress.SiloAddress], None));

        Assert.Equal(blueAddress, await blue.LookupAsync(grain, None));
        Assert.Null(await green.LookupAsync(grain, None));
        Assert.False(await green.UnregisterAsync(blueAddress, None));
    }

    private PostgresGrainDirectory NewDirectory() => new(DirectoryOptions(fixture.ConnectionString));
}
