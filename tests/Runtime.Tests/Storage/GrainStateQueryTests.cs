using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;
using Cluster.Runtime.Storage.Memory;
using Cluster.Runtime.Storage.Postgres;
using Cluster.Runtime.Storage.Sqlite;

namespace Cluster.Runtime.Tests.Storage;

public sealed class GrainStateQueryTests(PostgresDatabaseFixture fixture) : IClassFixture<PostgresDatabaseFixture>, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public static TheoryData<string> Providers => ["Postgres", "Sqlite", "Memory"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ListAsync_Prefix_FindsMatchesInOrderPageByPage(string provider)
    {
        var storage = await CreateAsync(provider);
        var type = "t" + Guid.NewGuid().ToString("N")[..8];
        foreach (var name in (string[])["bob@b.test", "Ann@b.test", "carl@b.test", "ann.smith@b.test", "anna@b.test", "zed@b.test"])
        {
            await ((IGrainStorage)storage).WriteStateAsync("profile", new GrainId(type, "k-" + name), new GrainState<ProfileState>(new ProfileState { Name = name }));
        }

        await ((IGrainStorage)storage).ClearStateAsync("profile", new GrainId(type, "k-zed@b.test"), await ReadAsync(storage, type, "k-zed@b.test"));
        var first = await storage.ListAsync(new StateListQuery(type, "profile", "name", "AN", null, 2));
        var second = await storage.ListAsync(new StateListQuery(type, "profile", "name", "AN", first[^1].Position, 2));
        var all = await storage.ListAsync(new StateListQuery(type, "profile", "name", string.Empty, null, 10));
        var beforeC = await storage.ListAsync(new StateListQuery(type, "profile", "name", string.Empty, null, 10) { Before = "C" });

        Assert.Equal(["k-ann.smith@b.test", "k-Ann@b.test"], first.Select(state => state.GrainKey));
        Assert.Equal(["k-anna@b.test"], second.Select(state => state.GrainKey));
        Assert.Equal(["ann.smith@b.test", "ann@b.test", "anna@b.test", "bob@b.test", "carl@b.test"], all.Select(state => state.Position.Value));
        Assert.Equal(["ann.smith@b.test", "ann@b.test", "anna@b.test", "bob@b.test"], beforeC.Select(state => state.Position.Value));
        Assert.Contains("\"name\":\"Ann@b.test\"", first[1].Json.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ListAsync_Offset_SkipsThatManyAndCountIgnoresPaging(string provider)
    {
        var storage = await CreateAsync(provider);
        var type = "t" + Guid.NewGuid().ToString("N")[..8];
        foreach (var name in (string[])["a1", "a2", "a3", "a4", "a5", "b1"])
        {
            await ((IGrainStorage)storage).WriteStateAsync("profile", new GrainId(type, name), new GrainState<ProfileState>(new ProfileState { Name = name }));
        }

        await ((IGrainStorage)storage).ClearStateAsync("profile", new GrainId(type, "a5"), await ReadAsync(storage, type, "a5"));
        var query = new StateListQuery(type, "profile", "name", "a", null, 2);
        var second = await storage.ListAsync(query with { Offset = 2 });
        var past = await storage.ListAsync(query with { Offset = 10 });
        var total = await storage.CountAsync(query with { Offset = 3, After = new StateListPosition("a3", "a3") });
        var beforeA3 = await storage.CountAsync(query with { Before = "A3" });

        Assert.Equal(["a3", "a4"], second.Select(state => state.GrainKey));
        Assert.Empty(past);
        Assert.Equal(4, total);
        Assert.Equal(2, beforeA3);
        await Assert.ThrowsAsync<ArgumentException>(() => storage.ListAsync(query with { Offset = -1 }));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ListAsync_PropertyThatCouldInjectSql_IsRefused(string provider)
    {
        var storage = await CreateAsync(provider);

        await Assert.ThrowsAsync<ArgumentException>(() => storage.ListAsync(new StateListQuery("t", "profile", "name') OR 1=1 --", string.Empty, null, 10)));
        await Assert.ThrowsAsync<ArgumentException>(() => storage.ListAsync(new StateListQuery("t", "profile", "name", string.Empty, null, 0)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ListAsync_PrefixWithLikeWildcards_MatchesThemLiterally(string provider)
    {
        var storage = await CreateAsync(provider);
        var type = "t" + Guid.NewGuid().ToString("N")[..8];
        foreach (var name in (string[])["a%b", "axb", "a_c"])
        {
            await ((IGrainStorage)storage).WriteStateAsync("profile", new GrainId(type, name), new GrainState<ProfileState>(new ProfileState { Name = name }));
        }

        var found = await storage.ListAsync(new StateListQuery(type, "profile", "name", "a%", null, 10));

        Assert.Equal(["a%b"], found.Select(state => state.GrainKey));
    }

    public void Dispose() => _directory.Dispose();

    private async Task<IGrainStateQuery> CreateAsync(string provider)
    {
        if (provider == "Memory")
        {
            return new MemoryGrainStorage();
        }

        IGrainStorageInitializer storage = provider == "Postgres"
            ? new PostgresGrainStorage(GrainStorageNames.Default, new PostgresGrainStorageOptions { ConnectionString = fixture.ConnectionString })
            : new SqliteGrainStorage(GrainStorageNames.Default, new SqliteGrainStorageOptions { FilePath = _directory.File("query.db") });
        await storage.InitializeAsync(CancellationToken.None);
        return (IGrainStateQuery)storage;
    }

    private static async Task<GrainState<ProfileState>> ReadAsync(IGrainStateQuery storage, string type, string key)
    {
        var state = new GrainState<ProfileState>(new ProfileState());
        await ((IGrainStorage)storage).ReadStateAsync("profile", new GrainId(type, key), state);
        return state;
    }
}
