using Npgsql;

namespace Cluster.Runtime.Benchmarks;

/// <summary>A fresh database for one benchmark run, on the server named by CLUSTER_TEST_POSTGRES.</summary>
internal sealed class BenchPostgres : IDisposable
{
    private const string EnvironmentVariable = "CLUSTER_TEST_POSTGRES";
    private readonly string _serverConnectionString;
    private readonly string _database = $"cluster_bench_{Guid.NewGuid():N}";

    public BenchPostgres()
    {
        _serverConnectionString = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{EnvironmentVariable} is not set; point it at a PostgreSQL server (scripts/bench.sh does).");
        Execute($"CREATE DATABASE {_database}");
        ConnectionString = new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = _database }.ConnectionString;
    }

    public string ConnectionString { get; }

    public void Dispose() => Execute($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(_serverConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
