using Cluster.Runtime.Storage;

namespace Cluster.Runtime.Tests.Storage;

public abstract partial class GrainStorageConformanceTests
{
    [Fact]
    public async Task Cancelled_operations_throw_and_change_nothing()
    {
        var grainId = NewGrainId();
        var state = NewState("Ada");
        await Storage.WriteStateAsync(StateName, grainId, state);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var read = NewState("untouched");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Storage.ReadStateAsync(StateName, grainId, read, cancelled.Token));
        Assert.Equal("untouched", read.State.Name);
        Assert.Null(read.ETag);

        state.State.Name = "changed";
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Storage.WriteStateAsync(StateName, grainId, state, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Storage.ClearStateAsync(StateName, grainId, state, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Storage.WriteStateAsync(StateName, NewGrainId(), NewState("first"), cancelled.Token));
        Assert.Equal("1", state.ETag);
        Assert.True(state.RecordExists);

        var stored = await ReadAsync(grainId);
        Assert.Equal("Ada", stored.State.Name);
        Assert.Equal("1", stored.ETag);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Missing_state_name_is_rejected_clearly(string? stateName)
    {
        var grainId = NewGrainId();

        var read = await Assert.ThrowsAsync<ArgumentException>(() => Storage.ReadStateAsync(stateName!, grainId, NewState()));
        var write = await Assert.ThrowsAsync<ArgumentException>(() => Storage.WriteStateAsync(stateName!, grainId, NewState()));
        var clear = await Assert.ThrowsAsync<ArgumentException>(() => Storage.ClearStateAsync(stateName!, grainId, NewState()));

        Assert.All([read, write, clear], exception =>
        {
            Assert.Equal("stateName", exception.ParamName);
            Assert.Contains("state name is null or empty", exception.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Default_grain_id_and_null_state_are_rejected()
    {
        var grainId = NewGrainId();

        var defaultId = await Assert.ThrowsAsync<ArgumentException>(() => Storage.WriteStateAsync(StateName, default, NewState()));
        Assert.Equal("grainId", defaultId.ParamName);
        await Assert.ThrowsAsync<ArgumentNullException>(() => Storage.ReadStateAsync<ProfileState>(StateName, grainId, null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Storage.WriteStateAsync<ProfileState>(StateName, grainId, null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Storage.ClearStateAsync<ProfileState>(StateName, grainId, null!));

        var nullValue = await Assert.ThrowsAsync<ArgumentException>(
            () => Storage.WriteStateAsync(StateName, grainId, new GrainState<ProfileState>(null!)));
        Assert.Contains("ClearStateAsync", nullValue.Message, StringComparison.Ordinal);
        Assert.False((await ReadAsync(grainId)).RecordExists);
    }
}
