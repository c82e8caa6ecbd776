namespace Cluster.Silo.Tests;

/// <summary>The PostgreSQL server the test command provides.</summary>
internal static class TestPostgres
{
    public const string EnvironmentVariable = "CLUSTER_TEST_POSTGRES";

    public static string ConnectionString() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set. Run the tests with 'bash scripts/test.sh', which starts PostgreSQL, or set it to a connection string such as 'Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres'.");
}
