using Cluster.Dashboard.Sampling;
using Cluster.Runtime.Diagnostics;

namespace Cluster.ApiHost.Tests.Dashboard;

public sealed class SampleBuilderTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly double[] Bounds = [0.001, 0.01, 0.1];

    [Fact]
    public void Build_TwoReports_RatesAndPercentilesCoverOnlyThePeriodBetween()
    {
        var member = Member("a");
        var before = Report("a", Start, cpu: 10, Calls("ok", [100, 0, 0, 0]), Calls("error", [0, 0, 0, 0]));
        var after = Report("a", Start.AddSeconds(2), cpu: 11, Calls("ok", [100, 90, 10, 0]), Calls("error", [0, 0, 4, 0]));

        var sample = SampleBuilder.Build(Start.AddSeconds(2), [member], [(member, after, null)], new Dictionary<string, SiloReport> { ["a"] = before });

        Assert.Equal(2, sample.PeriodSeconds);
        Assert.Equal(52, sample.Calls.PerSecond, 6);
        Assert.Equal(2, sample.Calls.ErrorsPerSecond, 6);

        // 104 calls in the period: 90 in (1 ms, 10 ms], 14 in (10 ms, 100 ms]. The median (rank 52) lies in the first.
        Assert.Equal(1 + (9 * 52.0 / 90), sample.Calls.P50Milliseconds!.Value, 6);
        Assert.Equal(10 + (90 * (102.96 - 90) / 14), sample.Calls.P99Milliseconds!.Value, 6);

        // One processor-second over two seconds on two processors.
        Assert.Equal(25, Assert.Single(sample.Silos).CpuPercent, 6);
        var method = Assert.Single(sample.Methods);
        Assert.Equal(("widget", "IWidgetGrain", "GetAsync"), (method.GrainType, method.Interface, method.Method));
    }

    [Fact]
    public void Build_FirstReportOfASilo_ReportsNoRates()
    {
        var member = Member("a");
        var report = Report("a", Start, cpu: 10, Calls("ok", [100, 0, 0, 0]));

        var sample = SampleBuilder.Build(Start, [member], [(member, report, null)], new Dictionary<string, SiloReport>());

        Assert.Equal(0, sample.Calls.PerSecond);
        Assert.Equal(0, Assert.Single(sample.Silos).CpuPercent);
    }

    [Fact]
    public void Build_CountersLowerThanBefore_TakesTheProcessAsRestarted()
    {
        var member = Member("a");
        var before = Report("a", Start, cpu: 10, Calls("ok", [500, 0, 0, 0]));
        var after = Report("a", Start.AddSeconds(1), cpu: 11, Calls("ok", [3, 0, 0, 0]));

        var sample = SampleBuilder.Build(Start.AddSeconds(1), [member], [(member, after, null)], new Dictionary<string, SiloReport> { ["a"] = before });

        Assert.Equal(3, sample.Calls.PerSecond, 6);
    }

    [Fact]
    public void Build_SiloThatDidNotReport_ListedWithItsReason()
    {
        var member = Member("b");

        var sample = SampleBuilder.Build(Start, [member], [(member, null, "no report within 2 s")], new Dictionary<string, SiloReport>());

        var silo = Assert.Single(sample.Silos);
        Assert.Equal(("b", "no report within 2 s"), (silo.Silo, silo.Error));
        Assert.Empty(sample.Methods);
    }

    private static SiloMember Member(string silo) => new(silo, silo, "host", "Active", Start, Start);

    private static HistogramPoint Calls(string outcome, long[] buckets) => new(
        new Dictionary<string, string> { ["grain.type"] = "widget", ["interface"] = "IWidgetGrain", ["method"] = "GetAsync", ["outcome"] = outcome },
        buckets.Sum(),
        0,
        Bounds,
        buckets);

    private static SiloReport Report(string silo, DateTimeOffset at, double cpu, params HistogramPoint[] calls) => new(
        silo,
        "Active",
        at,
        Start,
        new ProcessFigures(2, cpu, 100_000_000, 50_000_000, 1, 1, 1, 0, 8, 0),
        1,
        new Dictionary<string, int> { ["widget"] = 3 },
        calls,
        []);
}
