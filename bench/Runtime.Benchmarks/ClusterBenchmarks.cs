using System.Diagnostics;
using Cluster.Runtime.Benchmarks.Grains;

namespace Cluster.Runtime.Benchmarks;

/// <summary>
/// Scale-out (the same CPU-bound load against one silo on one core, then two silos on one core each) and failover
/// (time from SIGKILL of one of three silos until every grain answers again, median of several runs).
/// </summary>
internal static class ClusterBenchmarks
{
    private const int Grains = 1000;

    public static async Task RunScaleOutAsync(TimeSpan duration, int concurrency, int rounds)
    {
        Console.WriteLine($"scale-out: {concurrency} concurrent callers, {Grains} grains, {rounds} SHA-256 rounds per call, {duration.TotalSeconds:F0} s each");
        using var database = new BenchPostgres();
        var one = await MeasureAsync(database.ConnectionString, silos: 1, duration, concurrency, rounds);
        Console.WriteLine($"1 silo on 1 core: {one / duration.TotalSeconds:N0} calls/s");
        var two = await MeasureAsync(database.ConnectionString, silos: 2, duration, concurrency, rounds);
        Console.WriteLine($"2 silos on 1 core each: {two / duration.TotalSeconds:N0} calls/s");
        Console.WriteLine($"ratio (2 silos / 1 silo): {(double)two / one:F2}x");
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

    private static async Task<long> MeasureAsync(string connectionString, int silos, TimeSpan duration, int concurrency, int rounds)
    {
        await using var cluster = new ClusterProcesses(connectionString);
        for (var i = 0; i < silos; i++)
        {
            await cluster.StartSiloAsync(core: i);
        }

        await cluster.StartClientAsync();
        var grains = Enumerable.Range(0, Grains).Select(key => cluster.Client.GetGrain<IBenchGrain>(key)).ToList();
        await Task.WhenAll(grains.Select(grain => grain.WorkAsync(1)));

        var warmUp = DateTime.UtcNow + TimeSpan.FromSeconds(3);
        var end = warmUp + duration;
        var counts = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(loop => Task.Run(async () =>
        {
            var random = new Random(loop);
            long calls = 0;
            while (DateTime.UtcNow < end)
            {
                await grains[random.Next(grains.Count)].WorkAsync(rounds);
                if (DateTime.UtcNow >= warmUp)
                {
                    calls++;
                }
            }

            return calls;
        })));
        return counts.Sum();
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
