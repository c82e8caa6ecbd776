using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Cluster.Runtime.Benchmarks.Grains;
using Cluster.Runtime.Diagnostics;
using Cluster.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Benchmarks;

/// <summary>
/// Local grain calls per second on one silo with nobody collecting metrics (the instruments disabled) against the
/// same silo while a collector aggregates every call and is scraped every second, in alternating rounds so drift
/// on this noisy machine hits both alike.
/// </summary>
internal static class MetricsCost
{
    public static async Task RunAsync(TimeSpan round, int rounds, int callers)
    {
        await using var silo = await TestSilo.StartAsync();
        var grains = Enumerable.Range(0, callers).Select(i => silo.GrainFactory.GetGrain<IBenchGrain>(i)).ToList();
        await MeasureAsync(grains, TimeSpan.FromSeconds(2));
        var factory = silo.Services.GetRequiredService<IMeterFactory>();
        var ratios = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            var off = await MeasureAsync(grains, round);
            double on;
            using (var collector = new MetricsCollector(factory, Options.Create(new MetricsOptions())))
            {
                using var scraping = new CancellationTokenSource();
                var scraper = ScrapeEverySecondAsync(collector, scraping.Token);
                on = await MeasureAsync(grains, round);
                await scraping.CancelAsync();
                await scraper;
            }

            ratios.Add(on / off);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {i + 1}: {off:F0} calls/s without collection, {on:F0} calls/s collected and scraped: {on / off:P1}"));
        }

        ratios.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median ratio over {rounds} rounds: {ratios[rounds / 2]:P1}"));
    }

    internal static async Task<double> MeasureAsync(IReadOnlyList<IBenchGrain> grains, TimeSpan duration)
    {
        var calls = 0L;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(grains.Select(async grain =>
        {
            var mine = 0L;
            while (clock.Elapsed < duration)
            {
                await grain.PingAsync(1);
                mine++;
            }

            Interlocked.Add(ref calls, mine);
        }));
        return calls / clock.Elapsed.TotalSeconds;
    }

    private static async Task ScrapeEverySecondAsync(MetricsCollector collector, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                _ = collector.WritePrometheus();
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
