using System.Diagnostics;
using System.Globalization;
using Cluster.Runtime.Storage;
using Cluster.Runtime.Storage.Postgres;
using Npgsql;

namespace Cluster.Runtime.Benchmarks;

/// <summary>
/// How a search of stored states (<see cref="IGrainStateQuery"/>, behind the admin user search) scales: the same
/// three queries over 1,000 and 100,000 stored users in PostgreSQL. An index-backed search costs about the same at
/// both sizes; a scan would cost a hundred times more at the larger.
/// </summary>
internal static class StateListBenchmark
{
    private const int PageSize = 51;

    public static async Task RunAsync(int largest, int repetitions)
    {
        Console.WriteLine($"State list (admin user search), PostgreSQL, page of {PageSize}, median and p90 of {repetitions} runs, ms");
        Console.WriteLine($"{"users",10} {"first page",18} {"prefix",18} {"page mid-way",18}");
        var results = new List<double[]>();
        foreach (var size in (int[])[1_000, largest])
        {
            using var database = new BenchPostgres();
            var storage = new PostgresGrainStorage(GrainStorageNames.Default, new PostgresGrainStorageOptions { ConnectionString = database.ConnectionString });
            await storage.InitializeAsync(CancellationToken.None);
            await FillAsync(database.ConnectionString, size);
            var middle = new StateListPosition(Email(size / 2), Key(size / 2));
            StateListQuery[] queries =
            [
                new("user", "user", "email", string.Empty, null, PageSize),
                new("user", "user", "email", Email(size / 3)[..11], null, PageSize),
                new("user", "user", "email", string.Empty, middle, PageSize),
            ];
            await storage.ListAsync(queries[0]);
            var row = new List<string>();
            var medians = new List<double>();
            foreach (var query in queries)
            {
                var times = new List<double>();
                for (var run = 0; run < repetitions; run++)
                {
                    var started = Stopwatch.GetTimestamp();
                    var found = await storage.ListAsync(query);
                    times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (found.Count == 0)
                    {
                        throw new InvalidOperationException("A benchmark query found nothing.");
                    }
                }

                times.Sort();
                medians.Add(times[times.Count / 2]);
                row.Add(string.Create(CultureInfo.InvariantCulture, $"{times[times.Count / 2],8:0.000} / {times[(int)(times.Count * 0.9)],7:0.000}"));
            }

            results.Add([.. medians]);
            Console.WriteLine($"{size,10:N0} {row[0],18} {row[1],18} {row[2],18}");
            await storage.DisposeAsync();
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{largest:N0} vs 1,000 users: {results[1][0] / results[0][0]:0.00}x, {results[1][1] / results[0][1]:0.00}x, {results[1][2] / results[0][2]:0.00}x"));
    }

    private static string Email(int index) => string.Create(CultureInfo.InvariantCulture, $"user{index:D7}@example.com");

    private static string Key(int index) => string.Create(CultureInfo.InvariantCulture, $"u{index:D7}");

    // Rows as the user grain writes them (camelCase JSON with the fields searched and shown), inserted in one statement.
    private static async Task FillAsync(string connectionString, int size)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO {PostgresGrainStorageOptions.DefaultTableName} (grain_type, grain_key, state_name, version, payload)
            SELECT 'user', 'u' || lpad(i::text, 7, '0'), 'user', 1,
                   jsonb_build_object('exists', true, 'email', 'user' || lpad(i::text, 7, '0') || '@example.com', 'type', 0, 'role', 0,
                                      'isActive', true, 'createdAt', now(), 'sessionVersion', 1, 'groupIds', '[]'::jsonb, 'sessions', jsonb_build_object())
            FROM generate_series(0, {size - 1}) AS i;
            ANALYZE {PostgresGrainStorageOptions.DefaultTableName};
            """,
            connection);
        command.CommandTimeout = 300;
        await command.ExecuteNonQueryAsync();
    }
}
