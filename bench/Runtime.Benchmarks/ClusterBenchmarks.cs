using System.Diagnostics;
using Cluster.Runtime.Benchmarks.Grains;

namespace Cluster.Runtime.Benchmarks;

/// <summary>
/// Scale-out (the same CPU-bound load against one silo on one core, then two silos on one core each) and failover
/// (time from SIGKILL of one of three silos until every grain answers again, median of several runs).
/// </summary>
internal static class ClusterBenchmarks
{
    public const int Grains = 1000;

    /// <summary>
    /// Alternates one-silo and two-silo measurements <paramref name="repeats"/> times each and compares the medians:
    /// this machine's throughput drifts by ±15 % between runs, more than a single pair can tell apart.
    /// </summary>
    public static async Task RunScaleOutAsync(TimeSpan duration, int concurrency, int rounds, int repeats)
    {
        Console.WriteLine($"scale-out: {concurrency} concurrent callers in all, inside the silos, {Grains} grains, {rounds} SHA-256 rounds per call, {duration.TotalSeconds:F0} s measured, {repeats} alternating runs each");
        using var database = new BenchPostgres();
        var one = new List<double>();
        var two = new List<double>();
        for (var repeat = 0; repeat < repeats; repeat++)
        {
            one.Add(await MeasureAsync(database.ConnectionString, silos: 1, duration, concurrency, rounds) / duration.TotalSeconds);
            Console.WriteLine($"1 silo on 1 core: {one[^1]:N0} calls/s");
            two.Add(await MeasureAsync(database.ConnectionString, silos: 2, duration, concurrency, rounds) / duration.TotalSeconds);
            Console.WriteLine($"2 silos on 1 core each: {two[^1]:N0} calls/s");
        }

        var (medianOne, medianTwo) = (Median(one), Median(two));
        Console.WriteLine($"medians: 1 silo {medianOne:N0} calls/s, 2 silos {medianTwo:N0} calls/s; ratio {medianTwo / medianOne:F2}x");
    }

    public static async Task RunFailoverAsync(int trials)
    {
        Console.WriteLine($"failover: 3 silos with default membership options, {Grains} grains, SIGKILL of one silo, {trials} runs");
        using var database = new BenchPostgres();
        var times = new List<double>();
        for (var trial = 0; trial < trials; trial++)
        {
            await using var cluster = new ClusterProcesses(database.ConnectionString);
            for (var i = 0; i < 3; i++)
            {
                await cluster.StartSiloAsync();
            }

            await cluster.StartClientAsync();
            var grains = Enumerable.Range(0, Grains).Select(key => cluster.Client.GetGrain<IBenchGrain>(key)).ToList();
            await Task.WhenAll(grains.Select(grain => grain.PingAsync(1)));

            cluster.Kill(2);
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(grains.Select(grain => AnswerAgainAsync(grain, clock)));
            times.Add(clock.Elapsed.TotalSeconds);
            Console.WriteLine($"run {trial + 1}: every grain answered {clock.Elapsed.TotalSeconds:F2} s after the kill");
        }

        times.Sort();
        Console.WriteLine($"failover median of {trials}: {times[times.Count / 2]:F2} s (min {times[0]:F2} s, max {times[^1]:F2} s)");
    }

    /// <summary>
    /// The callers run inside the silos, split evenly, so nothing outside the pinned cores does the calling: with a
    /// caller outside, two silos on a two-core machine would share their cores with it while one silo would not.
    /// </summary>
    private static async Task<long> MeasureAsync(string connectionString, int silos, TimeSpan duration, int concurrency, int rounds)
    {
        await using var cluster = new ClusterProcesses(connectionString);
        for (var i = 0; i < silos; i++)
        {
            await cluster.StartSiloAsync(core: i);
        }

        // Activated through a client first, so placement spreads the grains before the measured load starts.
        await cluster.StartClientAsync();
        await Task.WhenAll(Enumerable.Range(0, Grains).Select(key => cluster.Client.GetGrain<IBenchGrain>(key).WorkAsync(1)));
        Console.WriteLine($"  grains per silo: {string.Join(", ", await ActivationsPerSiloAsync(connectionString))}");
        return await cluster.RunLoadInSilosAsync(concurrency / silos, rounds, TimeSpan.FromSeconds(3), duration);
    }

    /// <summary>How placement spread the grains, read from the directory (the benchmark's database holds one cluster at a time).</summary>
    private static async Task<List<long>> ActivationsPerSiloAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT count(*) FROM cluster_directory WHERE cluster_id = (SELECT cluster_id FROM cluster_directory ORDER BY registered_at DESC LIMIT 1) GROUP BY silo_port ORDER BY 1 DESC",
            connection);
        var counts = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts.Add(reader.GetInt64(0));
        }

        return counts;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static async Task AnswerAgainAsync(IBenchGrain grain, Stopwatch clock)
    {
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                await grain.PingAsync(1);
                return;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException("A grain did not answer within 60 s of the kill.");
    }
}
