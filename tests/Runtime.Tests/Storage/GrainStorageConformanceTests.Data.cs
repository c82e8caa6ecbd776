using Cluster.Runtime.Core;

namespace Cluster.Runtime.Tests.Storage;

public abstract partial class GrainStorageConformanceTests
{
    [Fact]
    public async Task Old_json_with_extra_and_missing_fields_still_reads_and_writes()
    {
        var grainId = NewGrainId();
        const string OldJson = """{"name":"Ada","age":36,"removedField":{"nested":[1,2,{"deep":true}]},"anotherGone":"x"}""";
        await PutRawAsync(grainId, StateName, 7, OldJson);

        var read = await ReadAsync(grainId);

        Assert.True(read.RecordExists);
        Assert.Equal("7", read.ETag);
        Assert.Equal("Ada", read.State.Name);
        Assert.Equal(36, read.State.Age);
        Assert.Equal(ProfileState.DefaultNickname, read.State.Nickname);
        Assert.Empty(read.State.Tags);

        read.State.Tags.Add("migrated");
        await Storage.WriteStateAsync(StateName, grainId, read);
        Assert.Equal("8", read.ETag);
        Assert.Equal(["migrated"], (await ReadAsync(grainId)).State.Tags);
    }

    [Fact]
    public async Task Planted_tombstone_reads_as_missing_with_its_version()
    {
        var grainId = NewGrainId();
        await PutRawAsync(grainId, StateName, 4, json: null);

        var read = await ReadAsync(grainId);

        Assert.False(read.RecordExists);
        Assert.Equal("4", read.ETag);
    }

    [Fact]
    public async Task Unreadable_json_fails_naming_the_state_and_leaves_the_caller_alone()
    {
        var grainId = NewGrainId();
        await PutRawAsync(grainId, StateName, 3, """{"name":"Ada","age":"not a number"}""");
        var state = NewState("before");

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => Storage.ReadStateAsync(StateName, grainId, state));

        Assert.Contains($"State '{StateName}' of grain {grainId} in storage '{ProviderName}' (version 3)", exception.Message, StringComparison.Ordinal);
        Assert.Equal("before", state.State.Name);
        Assert.Null(state.ETag);
    }

    [Theory]
    [InlineData(HostileStrings.Unicode)]
    [InlineData(HostileStrings.Quotes)]
    [InlineData(HostileStrings.Markup)]
    [InlineData(HostileStrings.ControlCharacters)]
    [InlineData(HostileStrings.Blank)]
    [InlineData(HostileStrings.Slashes)]
    [InlineData(HostileStrings.Empty)]
    [InlineData(HostileStrings.Large)]
    public async Task Hostile_values_round_trip_verbatim(string caseName)
    {
        var value = HostileStrings.Get(caseName);
        var grainId = NewGrainId();
        var state = NewState(value);
        state.State.Nickname = value + value;
        state.State.Tags = [value, string.Empty, value];

        await Storage.WriteStateAsync(StateName, grainId, state);
        var read = await ReadAsync(grainId);

        Assert.Equal(value, read.State.Name);
        Assert.Equal(value + value, read.State.Nickname);
        Assert.Equal([value, string.Empty, value], read.State.Tags);
    }

    [Theory]
    [InlineData(HostileStrings.Unicode)]
    [InlineData(HostileStrings.Quotes)]
    [InlineData(HostileStrings.Markup)]
    [InlineData(HostileStrings.ControlCharacters)]
    [InlineData(HostileStrings.Blank)]
    [InlineData(HostileStrings.Slashes)]
    public async Task Hostile_keys_and_state_names_are_stored_verbatim(string caseName)
    {
        var hostile = HostileStrings.Get(caseName);
        var unique = Guid.NewGuid().ToString("N");
        var hostileKey = new GrainId("user", hostile + unique);
        var hostileType = new GrainId("type-" + unique, hostile);

        await Storage.WriteStateAsync(hostile, hostileKey, NewState("by key"));
        await Storage.WriteStateAsync(StateName, hostileType, NewState("by type"));

        Assert.Equal("by key", (await ReadAsync(hostileKey, hostile)).State.Name);
        Assert.Equal("by type", (await ReadAsync(hostileType)).State.Name);
        Assert.False((await ReadAsync(hostileKey)).RecordExists);
    }

    [Fact]
    public async Task Grain_types_keys_and_state_names_never_collide()
    {
        var key = Guid.NewGuid().ToString("N");
        var type = "t" + Guid.NewGuid().ToString("N")[..8];
        GrainId[] grains =
        [
            new(type, key),
            new(type + "x", key),
            new(type, key + "x"),
            new(type, key.ToUpperInvariant()),
            new(type + "a", "b" + key),
            new(type + "ab", key),
            new(type, " " + key),
        ];
        string[] stateNames = ["profile", "Profile", "settings", "profile "];

        foreach (var grain in grains)
        {
            foreach (var stateName in stateNames)
            {
                await Storage.WriteStateAsync(stateName, grain, NewState($"{grain}|{stateName}"));
            }
        }

        foreach (var grain in grains)
        {
            foreach (var stateName in stateNames)
            {
                var read = await ReadAsync(grain, stateName);
                Assert.Equal($"{grain}|{stateName}", read.State.Name);
                Assert.Equal("1", read.ETag);
            }
        }
    }

    [Fact]
    public async Task Concurrent_writes_to_different_grains_all_succeed()
    {
        var grains = Enumerable.Range(0, 40).Select(_ => NewGrainId()).ToArray();
        var states = grains.Select(_ => NewState("round")).ToArray();

        for (var round = 1; round <= 3; round++)
        {
            await Task.WhenAll(grains.Select((grain, index) => Task.Run(() => Storage.WriteStateAsync(StateName, grain, states[index]))));
            Assert.All(states, state => Assert.Equal(round.ToString(System.Globalization.CultureInfo.InvariantCulture), state.ETag));
        }

        var reads = await Task.WhenAll(grains.Select(grain => ReadAsync(grain)));
        Assert.All(reads, read => Assert.Equal("3", read.ETag));
    }
}
