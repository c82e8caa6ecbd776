using Npgsql;

namespace Cluster.Runtime.Testing;

/// <summary>
/// Fresh PostgreSQL databases for tests, on the server named by <see cref="EnvironmentVariable"/>, all dropped on
/// dispose. Without the variable, creating one fails with instructions: PostgreSQL tests are never skipped silently.
/// </summary>
public sealed class TestDatabases : IAsyncDisposable
{
    /// <summary>The environment variable holding the connection string of a role that may create databases.</summary>
    public const string EnvironmentVariable = "CLUSTER_TEST_POSTGRES";

    private readonly List<string> _databases = [];
    private readonly Lock _lock = new();

    /// <summary>The server's connection string from <see cref="EnvironmentVariable"/>.</summary>
    /// <exception cref="InvalidOperationException">The variable is not set; the message says how to set it.</exception>
    public static string AdminConnectionString
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new InvalidOperationException(
                    $"{EnvironmentVariable} is not set, so the PostgreSQL tests cannot run. They need a real server and a role that may "
                    + $"create databases: run them with 'bash scripts/test.sh', which starts one, or export {EnvironmentVariable}="
                    + "'Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres'.");
            }

            return value;
        }
    }

    /// <summary>Creates a fresh database and returns its connection string.</summary>
    /// <param name="encoding">The database encoding; tests of the UTF8 check use another.</param>
    public async Task<string> CreateAsync(string encoding = "UTF8")
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

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
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
