using Npgsql;

namespace Cluster.Runtime.Tests.Storage;

/// <summary>
/// Creates a fresh PostgreSQL database per test class (and more on request) on the server named by
/// <see cref="EnvironmentVariable"/>, and drops them all afterwards. Without the variable every test using it fails
/// with instructions: PostgreSQL tests are never skipped silently.
/// </summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    public const string EnvironmentVariable = "CLUSTER_TEST_POSTGRES";

    private readonly List<string> _databases = [];
    private readonly Lock _lock = new();
    private string? _connectionString;

    /// <summary>The connection string of this class's database.</summary>
    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("The database is created in InitializeAsync.");

    public static string AdminConnectionString
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new InvalidOperationException(
                    $"{EnvironmentVariable} is not set, so the PostgreSQL storage tests cannot run. They need a real server and a role that may "
                    + $"create databases: export {EnvironmentVariable}='Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres' "
                    + "(start a throwaway server with initdb and pg_ctl if none is running).");
            }

            return value;
        }
    }

    public async Task InitializeAsync() => _connectionString = await CreateDatabaseAsync();

    /// <summary>Creates another fresh database, dropped with this fixture, and returns its connection string.</summary>
    /// <param name="encoding">The database encoding; tests of the UTF8 check use another.</param>
    public async Task<string> CreateDatabaseAsync(string encoding = "UTF8")
    {
        var admin = AdminConnectionString;
        var name = "cluster_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\" ENCODING '{encoding}' LOCALE 'C' TEMPLATE template0";
            await command.ExecuteNonQueryAsync();
        }

        lock (_lock)
        {
            _databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        string[] databases;
        lock (_lock)
        {
            databases = [.. _databases];
        }

        if (databases.Length == 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        foreach (var name in databases)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
            await command.ExecuteNonQueryAsync();
        }
    }
}
