using Cluster.Runtime.Storage;

namespace Cluster.Runtime.Tests.Storage;

public abstract partial class GrainStorageConformanceTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public async Task Concurrent_first_writes_let_exactly_one_win(int writers)
    {
        var grainId = NewGrainId();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = Enumerable.Range(0, writers).Select(index => Task.Run(async () =>
        {
            var state = NewState($"writer {index}");
            await start.Task;
            try
            {
                await Storage.WriteStateAsync(StateName, grainId, state);
                return (State: state, Error: (InconsistentStateException?)null);
            }
            catch (InconsistentStateException exception)
            {
                return (State: state, Error: exception);
            }
        })).ToArray();

        start.SetResult();
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, result => result.Error is null);
        Assert.Equal("1", winner.State.ETag);
        foreach (var loser in results.Where(result => result.Error is not null))
        {
            Assert.Equal("1", loser.Error!.StoredEtag);
            Assert.Null(loser.Error.CurrentEtag);
            Assert.Null(loser.State.ETag);
            Assert.False(loser.State.RecordExists);
        }

        var read = await ReadAsync(grainId);
        Assert.Equal(winner.State.State.Name, read.State.Name);
        Assert.Equal("1", read.ETag);
    }

    [Fact]
    public async Task Stale_write_is_rejected_with_a_precise_message_and_changes_nothing()
    {
        var grainId = NewGrainId();
        var stale = NewState("first");
        await Storage.WriteStateAsync(StateName, grainId, stale);
        var current = await ReadAsync(grainId);
        current.State.Name = "second";
        await Storage.WriteStateAsync(StateName, grainId, current);

        stale.State.Name = "stale";
        var exception = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grainId, stale));

        Assert.Equal("2", exception.StoredEtag);
        Assert.Equal("1", exception.CurrentEtag);
        Assert.Equal(
            $"Write of state '{StateName}' of grain {grainId} in storage '{ProviderName}' was rejected: stored version 2, this activation held 1. "
            + "Another activation or writer changed it; the activation is deactivated and the next call reloads the state.",
            exception.Message);
        Assert.Equal("1", stale.ETag);
        Assert.True(stale.RecordExists);

        var read = await ReadAsync(grainId);
        Assert.Equal("second", read.State.Name);
        Assert.Equal("2", read.ETag);
    }

    [Fact]
    public async Task Stale_clear_is_rejected_and_changes_nothing()
    {
        var grainId = NewGrainId();
        var stale = NewState("first");
        await Storage.WriteStateAsync(StateName, grainId, stale);
        var current = await ReadAsync(grainId);
        current.State.Name = "second";
        await Storage.WriteStateAsync(StateName, grainId, current);

        var exception = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync(StateName, grainId, stale));

        Assert.StartsWith($"Clear of state '{StateName}' of grain {grainId} in storage '{ProviderName}' was rejected", exception.Message, StringComparison.Ordinal);
        Assert.Contains("stored version 2, this activation held 1", exception.Message, StringComparison.Ordinal);
        Assert.Equal("1", stale.ETag);
        Assert.True(stale.RecordExists);

        var read = await ReadAsync(grainId);
        Assert.True(read.RecordExists);
        Assert.Equal("second", read.State.Name);
        Assert.Equal("2", read.ETag);
    }

    [Fact]
    public async Task First_write_onto_a_tombstone_is_rejected()
    {
        var grainId = NewGrainId();
        var state = NewState("Ada");
        await Storage.WriteStateAsync(StateName, grainId, state);
        await Storage.ClearStateAsync(StateName, grainId, state);

        var exception = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grainId, NewState("late")));

        Assert.Equal("2", exception.StoredEtag);
        Assert.Null(exception.CurrentEtag);
        Assert.Contains("stored version 2, this activation held none", exception.Message, StringComparison.Ordinal);
        var read = await ReadAsync(grainId);
        Assert.False(read.RecordExists);
        Assert.Equal("2", read.ETag);
    }

    [Fact]
    public async Task Clear_without_etag_of_an_existing_record_is_rejected()
    {
        var grainId = NewGrainId();
        await Storage.WriteStateAsync(StateName, grainId, NewState("Ada"));

        var exception = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync(StateName, grainId, NewState()));

        Assert.Equal("1", exception.StoredEtag);
        Assert.True((await ReadAsync(grainId)).RecordExists);
    }

    [Fact]
    public async Task Write_with_an_etag_but_no_record_is_rejected_and_creates_nothing()
    {
        var grainId = NewGrainId();
        var state = NewState("ghost");
        state.ETag = "5";

        var exception = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grainId, state));

        Assert.Null(exception.StoredEtag);
        Assert.Equal("5", exception.CurrentEtag);
        Assert.Contains("no record is stored, this activation held 5", exception.Message, StringComparison.Ordinal);
        var read = await ReadAsync(grainId);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData(" 1")]
    [InlineData("1.0")]
    public async Task Etag_this_storage_never_issued_is_rejected(string etag)
    {
        var grainId = NewGrainId();
        await Storage.WriteStateAsync(StateName, grainId, NewState("Ada"));
        var state = NewState("forged");
        state.ETag = etag;

        var write = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grainId, state));
        var clear = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync(StateName, grainId, state));

        Assert.Contains($"held ETag '{etag}'", write.Message, StringComparison.Ordinal);
        Assert.Equal("1", clear.StoredEtag);
        var read = await ReadAsync(grainId);
        Assert.Equal("Ada", read.State.Name);
        Assert.Equal("1", read.ETag);
    }
}
