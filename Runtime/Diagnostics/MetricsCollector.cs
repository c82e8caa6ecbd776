using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Diagnostics;

/// <summary>
/// Aggregates the measurements of this host's meters (those of its <see cref="IMeterFactory"/>, plus the process-wide
/// ones named in <see cref="MetricsOptions.EffectiveMeters"/>, such as <c>System.Runtime</c>) for <c>/metrics</c> and the
/// dashboard. It starts listening on the first collection (a scrape, a dashboard sample) and stops after
/// <see cref="MetricsOptions.IdleTimeout"/> without one: while nobody scrapes or watches, the
/// instruments stay disabled and cost nothing.
/// </summary>
public sealed class MetricsCollector : IDisposable
{
    private readonly IMeterFactory _factory;
    private readonly MetricsOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<Instrument, MetricInstrument> _instruments = new();
    private readonly Lock _collecting = new();
    private readonly Counter<long> _failedCallbacks;
    private readonly ITimer? _idleCheck;
    private MeterListener _listener;
    private long _lastCollection;
    private int _started;
    private int _generation;

    /// <summary>Creates the collector of the meters of <paramref name="factory"/>.</summary>
    public MetricsCollector(IMeterFactory factory, IOptions<MetricsOptions> options)
        : this(factory, options, TimeProvider.System)
    {
    }

    /// <summary>Creates the collector of the meters of <paramref name="factory"/>, its idle time read on <paramref name="timeProvider"/>.</summary>
    public MetricsCollector(IMeterFactory factory, IOptions<MetricsOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _factory = factory;
        _options = options.Value;
        _timeProvider = timeProvider;
        _failedCallbacks = factory.Create(RuntimeMetrics.MeterName).CreateCounter<long>(
            "cluster.metrics.callback.failures", "{failure}", "Observable instruments whose callback threw during a scrape.");
        _listener = CreateListener();
        if (_options.IdleTimeout > TimeSpan.Zero)
        {
            var period = _options.IdleTimeout / 4;
            _idleCheck = timeProvider.CreateTimer(static state => ((MetricsCollector)state!).StopIfIdle(), this, period, period);
        }
    }

    /// <summary>Whether the collector listens (someone has collected).</summary>
    public bool IsStarted => Volatile.Read(ref _started) == 1;

    /// <summary>The collection under way or last finished, stamped on observed series.</summary>
    internal int Generation => Volatile.Read(ref _generation);

    /// <summary>Everything kept, in the Prometheus text exposition format 0.0.4; starts listening on the first call.</summary>
    public string WritePrometheus()
    {
        lock (_collecting)
        {
            Collect();
            return PrometheusText.Write([.. _instruments.Values], _generation);
        }
    }

    /// <summary>The series of the histogram named <paramref name="name"/> (none if no such instrument); starts listening on the first call.</summary>
    public IReadOnlyList<HistogramPoint> CollectHistogram(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        lock (_collecting)
        {
            Collect();
            var points = new List<HistogramPoint>();
            foreach (var instrument in _instruments.Values)
            {
                if (instrument.Kind != MetricKind.Histogram || !string.Equals(instrument.Instrument.Name, name, StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (var series in instrument.Series)
                {
                    var cumulative = series.CumulativeBuckets();
                    var buckets = new long[cumulative.Length];
                    for (var i = 0; i < cumulative.Length; i++)
                    {
                        buckets[i] = cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]);
                    }

                    var tags = series.Tags.Tags.ToDictionary(tag => tag.Key, tag => Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? string.Empty, StringComparer.Ordinal);
                    points.Add(new HistogramPoint(tags, cumulative[^1], series.Sum, instrument.Bounds, buckets));
                }
            }

            return points;
        }
    }

    // Under _collecting: one collection at a time, or another's would restamp the observed series this one reads.
    private void Collect()
    {
        _lastCollection = _timeProvider.GetTimestamp();
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            _listener.Start();
        }

        Volatile.Write(ref _generation, _generation + 1);
        try
        {
            _listener.RecordObservableInstruments();
        }
        catch (Exception exception)
        {
            // One failing callback must not blank every collection; the instruments that answered are kept.
            _failedCallbacks.Add(1, new KeyValuePair<string, object?>("exception.type", exception.GetType().Name));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _idleCheck?.Dispose();
        lock (_collecting)
        {
            _listener.Dispose();
        }
    }

    private MeterListener CreateListener()
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (Wanted(instrument) && MetricInstrument.Create(instrument) is { } kept)
                {
                    _instruments[instrument] = kept;
                    listener.EnableMeasurementEvents(instrument, kept);
                }
            },
            MeasurementsCompleted = (instrument, _) => _instruments.TryRemove(instrument, out MetricInstrument? _),
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, state) => Record(state, value, tags));
        listener.SetMeasurementEventCallback<float>((_, value, tags, state) => Record(state, value, tags));
        listener.SetMeasurementEventCallback<long>((_, value, tags, state) => Record(state, value, tags));
        listener.SetMeasurementEventCallback<int>((_, value, tags, state) => Record(state, value, tags));
        listener.SetMeasurementEventCallback<short>((_, value, tags, state) => Record(state, value, tags));
        listener.SetMeasurementEventCallback<byte>((_, value, tags, state) => Record(state, value, tags));
        return listener;
    }

    // Nobody has scraped or sampled for IdleTimeout: the instruments are disabled again and the totals dropped, so an
    // unwatched process pays nothing; the next collection starts a fresh listener.
    private void StopIfIdle()
    {
        lock (_collecting)
        {
            if (Volatile.Read(ref _started) == 0 || _timeProvider.GetElapsedTime(_lastCollection) < _options.IdleTimeout)
            {
                return;
            }

            _listener.Dispose();
            _instruments.Clear();
            _listener = CreateListener();
            Volatile.Write(ref _started, 0);
        }
    }

    private void Record(object? state, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        ((MetricInstrument)state!).Record(value, tags, Generation);

    private bool Wanted(Instrument instrument)
    {
        var meter = instrument.Meter;

        // Another host's meters in this process (tests run several silos in one) are its own business.
        if (meter.Scope is not null && !ReferenceEquals(meter.Scope, _factory))
        {
            return false;
        }

        return _options.EffectiveMeters.Any(pattern => pattern.EndsWith('*')
            ? meter.Name.StartsWith(pattern[..^1], StringComparison.Ordinal)
            : string.Equals(pattern, meter.Name, StringComparison.Ordinal));
    }
}
