using Cluster.Runtime.Diagnostics;

namespace Cluster.Dashboard.Sampling;

/// <summary>Histogram measurements added up over series and silos for one sample period, with the failed ones counted apart.</summary>
internal sealed class HistogramTally
{
    private IReadOnlyList<double> _bounds = [];
    private long[] _buckets = [];

    public long Count { get; private set; }

    public long Failed { get; private set; }

    public long Conflicts { get; private set; }

    /// <summary>Adds what <paramref name="current"/> recorded since <paramref name="previous"/> (all of it without one, or after a reset).</summary>
    public void Add(HistogramPoint current, HistogramPoint? previous)
    {
        var reset = previous is null || previous.Count > current.Count || previous.Buckets.Count != current.Buckets.Count;
        var count = reset ? current.Count : current.Count - previous!.Count;
        if (count == 0)
        {
            return;
        }

        if (_buckets.Length == 0)
        {
            _bounds = current.Bounds;
            _buckets = new long[current.Buckets.Count];
        }

        if (_buckets.Length == current.Buckets.Count)
        {
            for (var i = 0; i < _buckets.Length; i++)
            {
                _buckets[i] += reset ? current.Buckets[i] : current.Buckets[i] - previous!.Buckets[i];
            }
        }

        Count += count;
        switch (current.Tags.GetValueOrDefault("outcome"))
        {
            case "error":
                Failed += count;
                break;
            case "conflict":
                Conflicts += count;
                break;
        }
    }

    /// <summary>Rates over <paramref name="seconds"/> and percentiles of what was added.</summary>
    public LatencySummary Summarize(double seconds)
    {
        var perSecond = seconds > 0 ? 1 / seconds : 0;
        return new LatencySummary(Count * perSecond, Failed * perSecond, Quantile(0.5), Quantile(0.99));
    }

    /// <summary>
    /// The <paramref name="q"/> quantile in milliseconds, interpolated within its bucket (as Prometheus's
    /// histogram_quantile); a quantile in the open last bucket reads as the largest bound.
    /// </summary>
    public double? Quantile(double q)
    {
        var total = _buckets.Sum();
        if (total == 0)
        {
            return null;
        }

        var rank = q * total;
        long below = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            if (below + _buckets[i] >= rank && _buckets[i] > 0)
            {
                var lower = i == 0 ? 0 : _bounds[i - 1];
                var upper = i < _bounds.Count ? _bounds[i] : _bounds[^1];
                return (lower + ((upper - lower) * (rank - below) / _buckets[i])) * 1000;
            }

            below += _buckets[i];
        }

        return _bounds.Count > 0 ? _bounds[^1] * 1000 : null;
    }
}
