using Cluster.Runtime.Hosting;
using Cluster.Runtime.Storage;
using Cluster.Runtime.Storage.Memory;
using Cluster.Runtime.Storage.Postgres;
using Cluster.Runtime.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Tests.Storage;

public sealed class GrainStorageSiloBuilderExtensionsTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Memory_storage_is_a_keyed_singleton_under_the_default_name()
    {
        var builder = new TestSiloBuilder();
        builder.AddMemoryGrainStorage();
        using var services = builder.Services.BuildServiceProvider();

        var storage = Assert.IsType<MemoryGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Default));
        Assert.Same(storage, services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Default));
        Assert.Equal(GrainStorageNames.Default, storage.Name);
        Assert.Equal(GrainStorageNames.Default, Assert.Single(services.GetServices<GrainStorageRegistration>()).Name);
    }

    [Fact]
    public void Providers_under_different_names_coexist()
    {
        var builder = new TestSiloBuilder();
        builder.AddMemoryGrainStorage("cache")
            .AddSqliteGrainStorage("files", options => options.FilePath = _directory.File("files.db"))
            .AddPostgresGrainStorage("cluster", options => options.ConnectionString = "Host=localhost;Username=cluster");
        using var services = builder.Services.BuildServiceProvider();

        Assert.IsType<MemoryGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>("cache"));
        Assert.Equal(_directory.File("files.db"), Assert.IsType<SqliteGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>("files")).FilePath);
        Assert.IsType<PostgresGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>("cluster"));
        Assert.Equal(["cache", "files", "cluster"], services.GetServices<GrainStorageRegistration>().Select(registration => registration.Name));
    }

    [Fact]
    public void Two_providers_under_one_name_are_refused()
    {
        var builder = new TestSiloBuilder();
        builder.AddMemoryGrainStorage("users");

        var sameKind = Assert.Throws<InvalidOperationException>(() => builder.AddMemoryGrainStorage("users"));
        var otherKind = Assert.Throws<InvalidOperationException>(() => builder.AddSqliteGrainStorage("users"));

        Assert.StartsWith("A grain storage provider named 'users' is already registered", sameKind.Message, StringComparison.Ordinal);
        Assert.Equal(sameKind.Message, otherKind.Message);
    }

    [Fact]
    public void Configuration_defaults_to_sqlite_and_binds_its_section()
    {
        var filePath = _directory.File("configured.db");
        var builder = new TestSiloBuilder(new Dictionary<string, string?>
        {
            ["Storage:Sqlite:FilePath"] = filePath,
            ["Storage:Sqlite:BusyTimeout"] = "00:00:05",
            ["Storage:Sqlite:TableName"] = "states",
        });
        builder.AddGrainStorageFromConfiguration();
        using var services = builder.Services.BuildServiceProvider();

        var storage = Assert.IsType<SqliteGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Default));
        var options = services.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(GrainStorageNames.Default);
        Assert.Equal(filePath, storage.FilePath);
        Assert.Equal(TimeSpan.FromSeconds(5), options.BusyTimeout);
        Assert.Equal("states", options.TableName);
        Assert.Null(options.JsonSerializerOptions);
    }

    [Theory]
    [InlineData("Postgres", typeof(PostgresGrainStorage))]
    [InlineData("postgres", typeof(PostgresGrainStorage))]
    [InlineData("Memory", typeof(MemoryGrainStorage))]
    [InlineData("SQLITE", typeof(SqliteGrainStorage))]
    public void Configuration_chooses_the_provider(string provider, Type expected)
    {
        var builder = new TestSiloBuilder(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = provider,
            ["Storage:Postgres:ConnectionString"] = "Host=localhost;Username=cluster",
            ["Storage:Postgres:Schema"] = "cluster_state",
            ["Storage:Sqlite:FilePath"] = _directory.File("chosen.db"),
        });
        builder.AddGrainStorageFromConfiguration("main");
        using var services = builder.Services.BuildServiceProvider();

        Assert.IsType(expected, services.GetRequiredKeyedService<IGrainStorage>("main"));
        services.GetRequiredService<IStartupValidator>().Validate();
        if (expected == typeof(PostgresGrainStorage))
        {
            Assert.Equal("cluster_state", services.GetRequiredService<IOptionsMonitor<PostgresGrainStorageOptions>>().Get("main").Schema);
        }
    }

    [Fact]
    public void An_unknown_provider_name_says_which_ones_exist()
    {
        var builder = new TestSiloBuilder(new Dictionary<string, string?> { ["Storage:Provider"] = "Redis" });

        var exception = Assert.Throws<InvalidOperationException>(() => builder.AddGrainStorageFromConfiguration());

        Assert.Equal(
            "Storage:Provider is 'Redis', which is not a grain storage provider; set it to 'Sqlite' (an embedded file, the default), "
            + "'Postgres' (a cluster; also set Storage:Postgres:ConnectionString) or 'Memory' (tests only; state is lost when the process exits).",
            exception.Message);
        Assert.DoesNotContain(builder.Services, descriptor => descriptor.ServiceType == typeof(GrainStorageRegistration));
    }

    [Fact]
    public void Invalid_options_fail_at_start_with_the_validator_message()
    {
        var builder = new TestSiloBuilder(new Dictionary<string, string?> { ["Storage:Provider"] = "Postgres" });
        builder.AddGrainStorageFromConfiguration();
        using var services = builder.Services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Storage:Postgres:ConnectionString is empty (grain storage 'Default')", exception.Message, StringComparison.Ordinal);
    }
}
