using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;
using Cluster.Runtime.Storage.Internal;
using Cluster.Runtime.Storage.Postgres;
using Npgsql;
using static Cluster.Runtime.Tests.Storage.PostgresGrainStorageSchemaTests;

namespace Cluster.Runtime.Tests.Storage;

public sealed class PostgresGrainStorageTests(PostgresDatabaseFixture fixture) : IClassFixture<PostgresDatabaseFixture>
{
    private const string Table = PostgresGrainStorageOptions.DefaultTableName;

    [Fact]
    public async Task State_is_jsonb_operators_can_query_and_clear_leaves_a_null_payload()
    {
        await using var storage = await CreateAsync();
        var grainId = new GrainId("user", Guid.NewGuid().ToString("N"));
        var state = new GrainState<ProfileState>(new ProfileState { Name = "Ada", Age = 36 });
        await storage.WriteStateAsync("profile", grainId, state);

        Assert.Equal(
            [("Ada", 36, "object")],
            await QueryAsync(
                fixture.ConnectionString,
                $"SELECT payload->>'name', (payload->>'age')::int, jsonb_typeof(payload) FROM {Table} WHERE grain_key = '{grainId.Key}'",
                r => (r.GetString(0), r.GetInt32(1), r.GetString(2))));

        await storage.ClearStateAsync("profile", grainId, state);

        Assert.Equal(
            [(2, true)],
            await QueryAsync(
                fixture.ConnectionString,
                $"SELECT version, payload IS NULL FROM {Table} WHERE grain_key = '{grainId.Key}'",
                r => (r.GetInt32(0), r.GetBoolean(1))));
    }

    [Fact]
    public async Task Cancellation_while_waiting_for_a_row_lock_aborts_the_write()
    {
        await using var storage = await CreateAsync();
        var grainId = new GrainId("user", Guid.NewGuid().ToString("N"));
        var state = new GrainState<ProfileState>(new ProfileState { Name = "Ada" });
        await storage.WriteStateAsync("profile", grainId, state);

        await using (var locker = new NpgsqlConnection(fixture.ConnectionString))
        {
            await locker.OpenAsync();
            await using var transaction = await locker.BeginTransactionAsync();
            await using (var lockRow = new NpgsqlCommand($"SELECT 1 FROM {Table} WHERE grain_key = '{grainId.Key}' FOR UPDATE", locker, transaction))
            {
                await lockRow.ExecuteScalarAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            state.State.Name = "blocked";
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => storage.WriteStateAsync("profile", grainId, state, timeout.Token));
            await transaction.RollbackAsync();
        }

        Assert.Equal("1", state.ETag);
        var read = new GrainState<ProfileState>(new ProfileState());
        await storage.ReadStateAsync("profile", grainId, read);
        Assert.Equal("Ada", read.State.Name);
        Assert.Equal("1", read.ETag);
    }

    [Fact]
    public async Task An_unreachable_server_fails_with_a_storage_exception_that_names_the_state_without_the_password()
    {
        const string Password = "hunter2-secret";
        var options = new PostgresGrainStorageOptions { ConnectionString = $"Host=127.0.0.1;Port=1;Username=nobody;Password={Password};Timeout=2" };
        await using var storage = new PostgresGrainStorage("unreachable", options);

        var exception = await Assert.ThrowsAsync<GrainStorageException>(
            () => storage.WriteStateAsync("profile", new GrainId("user", "1"), new GrainState<ProfileState>(new ProfileState())));

        Assert.IsAssignableFrom<NpgsqlException>(exception.InnerException);
        Assert.Contains("Grain storage 'unreachable' could not write state 'profile' of grain user/1", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_role_without_create_privilege_can_use_an_existing_schema()
    {
        var connectionString = await fixture.CreateDatabaseAsync();
        await using (var owner = new PostgresGrainStorage("owner", Options(connectionString)))
        {
            await owner.InitializeAsync(CancellationToken.None);
        }

        var role = "cluster_test_role_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(
            connectionString,
            $"CREATE ROLE {role} LOGIN; REVOKE CREATE ON SCHEMA public FROM PUBLIC; GRANT USAGE ON SCHEMA public TO {role}; "
            + $"GRANT SELECT ON {StorageSchema.VersionsTable} TO {role}; GRANT SELECT, INSERT, UPDATE ON {Table} TO {role}");
        try
        {
            var limited = new NpgsqlConnectionStringBuilder(connectionString) { Username = role, Password = null }.ConnectionString;
            await using var storage = new PostgresGrainStorage("limited", Options(limited));
            await storage.InitializeAsync(CancellationToken.None);
            var state = new GrainState<ProfileState>(new ProfileState { Name = "Ada" });
            await storage.WriteStateAsync("profile", new GrainId("user", "1"), state);
            Assert.Equal("1", state.ETag);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(connectionString, $"DROP OWNED BY {role}; DROP ROLE {role}");
        }
    }

    private async Task<PostgresGrainStorage> CreateAsync()
    {
        var storage = new PostgresGrainStorage(GrainStorageNames.Default, Options(fixture.ConnectionString));
        await storage.InitializeAsync(CancellationToken.None);
        return storage;
    }
}
