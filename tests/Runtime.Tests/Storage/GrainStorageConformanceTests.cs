using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;

namespace Cluster.Runtime.Tests.Storage;

/// <summary>
/// The behaviour every grain storage provider must share. One derived class per provider supplies the storage and
/// a way to plant raw rows; xunit creates a fresh instance (and provider) per test, and every test uses its own
/// grain ids, so tests never see each other's rows.
/// </summary>
public abstract partial class GrainStorageConformanceTests : IAsyncLifetime
{
    protected const string StateName = "profile";
    protected const string ProviderName = "conformance";

    private IGrainStorage? _storage;

    protected IGrainStorage Storage => _storage ?? throw new InvalidOperationException("The storage is created in InitializeAsync.");

    public async Task InitializeAsync() => _storage = await CreateStorageAsync();

    public async Task DisposeAsync()
    {
        switch (_storage)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    /// <summary>Creates the provider under test, named <see cref="ProviderName"/>, with its schema initialized.</summary>
    protected abstract Task<IGrainStorage> CreateStorageAsync();

    /// <summary>Stores <paramref name="json"/> (or a tombstone when null) at <paramref name="version"/>, bypassing the provider.</summary>
    protected abstract Task PutRawAsync(GrainId grainId, string stateName, int version, string? json);

    protected static GrainId NewGrainId(string type = "user") => new(type, Guid.NewGuid().ToString("N"));

    protected static GrainState<ProfileState> NewState(string name = "", int age = 0) => new(new ProfileState { Name = name, Age = age });

    protected async Task<GrainState<ProfileState>> ReadAsync(GrainId grainId, string stateName = StateName)
    {
        var state = NewState();
        await Storage.ReadStateAsync(stateName, grainId, state);
        return state;
    }

    [Fact]
    public async Task Written_state_reads_back_with_version_etags()
    {
        var grainId = NewGrainId();
        var state = NewState("Ada", 36);
        state.State.Tags = ["math", "engines"];

        await Storage.WriteStateAsync(StateName, grainId, state);
        Assert.Equal("1", state.ETag);
        Assert.True(state.RecordExists);

        var read = await ReadAsync(grainId);
        Assert.True(read.RecordExists);
        Assert.Equal("1", read.ETag);
        Assert.Equal("Ada", read.State.Name);
        Assert.Equal(36, read.State.Age);
        Assert.Equal(["math", "engines"], read.State.Tags);

        read.State.Age = 37;
        await Storage.WriteStateAsync(StateName, grainId, read);
        Assert.Equal("2", read.ETag);
        Assert.Equal(37, (await ReadAsync(grainId)).State.Age);
    }

    [Fact]
    public async Task Missing_record_leaves_the_state_alone()
    {
        var state = NewState("untouched", 5);
        var before = state.State;

        await Storage.ReadStateAsync(StateName, NewGrainId(), state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Same(before, state.State);
        Assert.Equal("untouched", state.State.Name);
    }

    [Fact]
    public async Task Stored_state_is_a_copy_not_a_reference()
    {
        var grainId = NewGrainId();
        var state = NewState("Ada");
        await Storage.WriteStateAsync(StateName, grainId, state);

        state.State.Name = "mutated without writing";
        state.State.Tags.Add("sneaky");

        var read = await ReadAsync(grainId);
        Assert.Equal("Ada", read.State.Name);
        Assert.Empty(read.State.Tags);
    }

    [Fact]
    public async Task Clear_leaves_a_tombstone_and_a_later_write_continues_the_versions()
    {
        var grainId = NewGrainId();
        var state = NewState("Ada");
        await Storage.WriteStateAsync(StateName, grainId, state);

        await Storage.ClearStateAsync(StateName, grainId, state);
        Assert.False(state.RecordExists);
        Assert.Equal("2", state.ETag);

        var fresh = NewState();
        var freshValue = fresh.State;
        await Storage.ReadStateAsync(StateName, grainId, fresh);
        Assert.False(fresh.RecordExists);
        Assert.Equal("2", fresh.ETag);
        Assert.Same(freshValue, fresh.State);
        Assert.Equal(string.Empty, fresh.State.Name);

        fresh.State.Name = "Grace";
        await Storage.WriteStateAsync(StateName, grainId, fresh);
        Assert.Equal("3", fresh.ETag);
        Assert.True(fresh.RecordExists);

        var read = await ReadAsync(grainId);
        Assert.Equal("Grace", read.State.Name);
        Assert.Equal("3", read.ETag);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task Clear_without_etag_and_without_record_is_a_no_op()
    {
        var grainId = NewGrainId();
        var state = NewState("never written");

        await Storage.ClearStateAsync(StateName, grainId, state);
        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);

        var read = await ReadAsync(grainId);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);

        await Storage.WriteStateAsync(StateName, grainId, state);
        Assert.Equal("1", state.ETag);
    }

    [Fact]
    public async Task Versions_strictly_increase_across_writes_and_clears()
    {
        var grainId = NewGrainId();
        var state = NewState("v");
        var etags = new List<int>();

        async Task RecordAsync(Func<Task> operation)
        {
            await operation();
            etags.Add(int.Parse(state.ETag!, System.Globalization.CultureInfo.InvariantCulture));
        }

        await RecordAsync(() => Storage.WriteStateAsync(StateName, grainId, state));
        await RecordAsync(() => Storage.WriteStateAsync(StateName, grainId, state));
        await RecordAsync(() => Storage.ClearStateAsync(StateName, grainId, state));
        await RecordAsync(() => Storage.WriteStateAsync(StateName, grainId, state));
        await RecordAsync(() => Storage.ClearStateAsync(StateName, grainId, state));
        await RecordAsync(() => Storage.ClearStateAsync(StateName, grainId, state));
        await RecordAsync(() => Storage.WriteStateAsync(StateName, grainId, state));

        Assert.Equal([1, 2, 3, 4, 5, 6, 7], etags);
        Assert.Equal("7", (await ReadAsync(grainId)).ETag);
    }
}
