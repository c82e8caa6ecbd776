using System.Diagnostics.Metrics;
using Cluster.Runtime.Diagnostics;
using Cluster.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Tests.Metrics;

public sealed class MetricsCollectorTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly string _meterName = $"Test.Metrics{Guid.NewGuid():N}";

    public void Dispose() => _services.Dispose();

    [Fact]
    public void WritePrometheus_EveryInstrumentKind_IsValidTextWithUnitsAndTypes()
    {
        using var collector = NewCollector();
        var meter = Factory.Create(_meterName);
        var calls = meter.CreateCounter<long>("test.calls", "{call}", "Calls made.");
        var duration = meter.CreateHistogram("test.duration", "s", "How long.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1] });
        var open = meter.CreateUpDownCounter<int>("test.open", "{connection}");
        var level = meter.CreateGauge<double>("test.level");
        meter.CreateObservableGauge("test.memory", () => 1024L, "By");
        meter.CreateObservableUpDownCounter("test.queue", () => 7L, "{work_item}");
        meter.CreateObservableCounter("test.cpu", () => new Measurement<double>(2.5, new KeyValuePair<string, object?>("cpu.mode", "user")), "s");
        collector.WritePrometheus();

        calls.Add(2, new KeyValuePair<string, object?>("route", "say \"hi\"\\\nnow"));
        calls.Add(3, new KeyValuePair<string, object?>("route", "say \"hi\"\\\nnow"));
        duration.Record(0.05);
        duration.Record(0.5);
        duration.Record(5);
        duration.Record(double.NaN);
        open.Add(3);
        open.Add(-1);
        level.Record(0.25);
        collector.WritePrometheus();
        var families = PrometheusParser.Parse(collector.WritePrometheus());

        Assert.Equal("counter", families["test_calls_total"].Type);
        Assert.Equal("Calls made.", families["test_calls_total"].Help);
        Assert.Equal(5, Assert.Single(families["test_calls_total"].Where("test_calls_total", ("route", "say \"hi\"\\\nnow"))).Value);
        var histogram = families["test_duration_seconds"];
        Assert.Equal("histogram", histogram.Type);
        Assert.Equal([1, 2, 3], histogram.Where("test_duration_seconds_bucket").Select(sample => sample.Value));
        Assert.Equal(["0.1", "1", "+Inf"], histogram.Where("test_duration_seconds_bucket").Select(sample => sample.Labels["le"]));
        Assert.Equal(5.55, Assert.Single(histogram.Where("test_duration_seconds_sum")).Value, 6);
        Assert.Equal(3, Assert.Single(histogram.Where("test_duration_seconds_count")).Value);
        Assert.Equal("gauge", families["test_open"].Type);
        Assert.Equal(2, Assert.Single(families["test_open"].Samples).Value);
        Assert.Equal(0.25, Assert.Single(families["test_level"].Samples).Value);
        Assert.Equal(1024, Assert.Single(families["test_memory_bytes"].Samples).Value);
        Assert.Equal("gauge", families["test_queue"].Type);
        Assert.Equal(7, Assert.Single(families["test_queue"].Samples).Value);
        Assert.Equal("counter", families["test_cpu_seconds_total"].Type);
        Assert.Equal(2.5, Assert.Single(families["test_cpu_seconds_total"].Where("test_cpu_seconds_total", ("cpu_mode", "user"))).Value);
    }

    [Fact]
    public void Instruments_UntilTheFirstCollection_StayDisabled()
    {
        using var collector = NewCollector();
        var histogram = Factory.Create(_meterName).CreateHistogram<double>("test.idle");

        var before = histogram.Enabled;
        collector.WritePrometheus();

        Assert.False(before);
        Assert.True(histogram.Enabled);
        Assert.True(collector.IsStarted);
    }

    [Fact]
    public void WritePrometheus_MetersOfAnotherHost_AreLeftOut()
    {
        using var collector = NewCollector();
        using var otherHost = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var mine = Factory.Create(_meterName).CreateCounter<long>("test.mine");
        var theirs = otherHost.GetRequiredService<IMeterFactory>().Create(_meterName).CreateCounter<long>("test.theirs");
        collector.WritePrometheus();

        mine.Add(1);
        theirs.Add(1);
        var families = PrometheusParser.Parse(collector.WritePrometheus());

        Assert.Contains("test_mine_total", families.Keys);
        Assert.DoesNotContain("test_theirs_total", families.Keys);
        Assert.False(theirs.Enabled);
    }

    [Fact]
    public void Record_MoreSeriesThanTheBound_RestCountedInTheOverflowSeries()
    {
        using var collector = NewCollector();
        var counter = Factory.Create(_meterName).CreateCounter<long>("test.keys");
        collector.WritePrometheus();

        for (var key = 0; key < 2010; key++)
        {
            counter.Add(1, new KeyValuePair<string, object?>("key", key));
        }

        var samples = PrometheusParser.Parse(collector.WritePrometheus())["test_keys_total"].Samples;

        Assert.Equal(2001, samples.Count);
        Assert.Equal(10, Assert.Single(samples, sample => sample.Labels.ContainsKey("otel_metric_overflow")).Value);
    }

    [Fact]
    public void Collect_NothingForTheIdleTimeout_StopsListeningAndStartsAfreshOnTheNextCollection()
    {
        var clock = new ManualTimeProvider();
        using var collector = new MetricsCollector(Factory, Options.Create(new MetricsOptions { Meters = [_meterName], IdleTimeout = TimeSpan.FromMinutes(4) }), clock);
        var calls = Factory.Create(_meterName).CreateCounter<long>("test.calls");
        collector.WritePrometheus();
        calls.Add(5);

        clock.Advance(TimeSpan.FromMinutes(3));
        var stillOn = calls.Enabled;
        clock.Advance(TimeSpan.FromMinutes(2));
        var offAfterIdle = !calls.Enabled && !collector.IsStarted;
        calls.Add(100);
        collector.WritePrometheus();
        calls.Add(2);
        var afterRestart = PrometheusParser.Parse(collector.WritePrometheus());

        Assert.True(stillOn);
        Assert.True(offAfterIdle);

        // Neither the 5 before the stop nor the 100 while stopped: the totals start again from zero.
        Assert.Equal(2, Assert.Single(afterRestart["test_calls_total"].Samples).Value);
    }

    private IMeterFactory Factory => _services.GetRequiredService<IMeterFactory>();

    private MetricsCollector NewCollector() =>
        new(Factory, Options.Create(new MetricsOptions { Meters = [_meterName] }));
}
