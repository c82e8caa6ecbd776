using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Cluster.Runtime.Diagnostics;

/// <summary>What the collector keeps of one instrument: its series by tags, at most <see cref="MaxSeries"/> of them.</summary>
internal sealed class MetricInstrument
{
    /// <summary>Series beyond this many are counted in one series tagged <c>otel.metric.overflow="true"</c>, bounding memory.</summary>
    public const int MaxSeries = 2000;

    private static readonly KeyValuePair<string, object?>[] OverflowTags = [new("otel.metric.overflow", "true")];

    private readonly ConcurrentDictionary<MetricTags, MetricSeries> _series = new(MetricTagsComparer.Instance);
    private readonly ConcurrentDictionary<MetricTags, MetricSeries>.AlternateLookup<MetricTagSpan> _lookup;
    private readonly int _boundCount;
    private int _seriesCount;
    private MetricSeries? _overflow;

    private MetricInstrument(Instrument instrument, MetricKind kind, double[] bounds)
    {
        Instrument = instrument;
        Kind = kind;
        Bounds = bounds;
        _boundCount = kind == MetricKind.Histogram ? bounds.Length : 0;
        _lookup = _series.GetAlternateLookup<MetricTagSpan>();
    }

    public Instrument Instrument { get; }

    public MetricKind Kind { get; }

    /// <summary>The histogram's bucket bounds, ascending; empty for other kinds.</summary>
    public double[] Bounds { get; }

    public ICollection<MetricSeries> Series => _series.Values;

    /// <summary>The collector's view of <paramref name="instrument"/>; null for a kind it does not know.</summary>
    public static MetricInstrument? Create(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        MetricKind? kind = definition switch
        {
            _ when definition == typeof(Counter<>) => MetricKind.Sum,
            _ when definition == typeof(UpDownCounter<>) => MetricKind.UpDownSum,
            _ when definition == typeof(Histogram<>) => MetricKind.Histogram,
            _ when definition == typeof(Gauge<>) => MetricKind.LastSet,
            _ when definition == typeof(ObservableGauge<>) || definition == typeof(ObservableUpDownCounter<>) => MetricKind.LastValue,
            _ when definition == typeof(ObservableCounter<>) => MetricKind.ObservedTotal,
            _ => null,
        };
        return kind is { } known ? new MetricInstrument(instrument, known, known == MetricKind.Histogram ? BoundsOf(instrument) : []) : null;
    }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, int generation)
    {
        var series = RecentSeries.Find(this, tags);
        if (series is null)
        {
            if (!_lookup.TryGetValue(new MetricTagSpan(tags), out series))
            {
                series = Add(tags);
            }

            RecentSeries.Remember(this, series, tags);
        }

        switch (Kind)
        {
            case MetricKind.Sum:
            case MetricKind.UpDownSum:
                series.Add(value);
                break;
            case MetricKind.Histogram:
                // NaN has no bucket and would poison the sum for good.
                if (!double.IsNaN(value))
                {
                    series.Observe(value, Bounds);
                }

                break;
            default:
                series.Set(value, generation);
                break;
        }
    }

    private MetricSeries Add(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // Counted here, not with ConcurrentDictionary.Count, which takes every lock of the dictionary.
        if (Volatile.Read(ref _seriesCount) >= MaxSeries)
        {
            return _overflow ??= _series.GetOrAdd(new MetricTags(OverflowTags, MetricTags.HashOf(OverflowTags)), static (tags, bounds) => new MetricSeries(tags, bounds), _boundCount);
        }

        var created = false;
        var series = _series.GetOrAdd(
            MetricTagsComparer.Instance.Create(new MetricTagSpan(tags)),
            (tags, bounds) =>
            {
                created = true;
                return new MetricSeries(tags, bounds);
            },
            _boundCount);
        if (created)
        {
            Interlocked.Increment(ref _seriesCount);
        }

        return series;
    }

    // The instrument's advice when it gives one (ours do); otherwise the OpenTelemetry default bounds, in its unit.
    private static double[] BoundsOf(Instrument instrument)
    {
        var advised = instrument switch
        {
            Histogram<double> histogram => histogram.Advice?.HistogramBucketBoundaries,
            Histogram<float> histogram => histogram.Advice?.HistogramBucketBoundaries?.Select(bound => (double)bound).ToList(),
            Histogram<long> histogram => histogram.Advice?.HistogramBucketBoundaries?.Select(bound => (double)bound).ToList(),
            Histogram<int> histogram => histogram.Advice?.HistogramBucketBoundaries?.Select(bound => (double)bound).ToList(),
            _ => null,
        };
        var finite = advised?.Where(double.IsFinite).Distinct().Order().ToArray();
        return finite is { Length: > 0 }
            ? finite
            : [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];
    }
}
