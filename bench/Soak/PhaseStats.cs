namespace Cluster.Benchmarks.Soak;

/// <summary>The requests of one phase: how many, how long each took, and the failures by kind.</summary>
internal sealed class PhaseStats(string name)
{
    private readonly Lock _gate = new();
    private readonly List<double> _milliseconds = [];
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public TimeSpan Elapsed { get; set; }

    public int Requests
    {
        get
        {
            lock (_gate)
            {
                return _milliseconds.Count;
            }
        }
    }

    public int Failures
    {
        get
        {
            lock (_gate)
            {
                return _failures.Values.Sum();
            }
        }
    }

    public double ErrorRate => Requests == 0 ? 0 : (double)Failures / Requests;

    public void Record(TimeSpan took, string? failure)
    {
        lock (_gate)
        {
            _milliseconds.Add(took.TotalMilliseconds);
            if (failure is not null)
            {
                _failures[failure] = _failures.GetValueOrDefault(failure) + 1;
            }
        }
    }

    /// <summary>The latency at <paramref name="quantile"/> (0 to 1), in milliseconds, nearest rank.</summary>
    public double Percentile(double quantile)
    {
        lock (_gate)
        {
            if (_milliseconds.Count == 0)
            {
                return 0;
            }

            var sorted = _milliseconds.Order().ToList();
            return sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Count) - 1, 0, sorted.Count - 1)];
        }
    }

    public IReadOnlyList<KeyValuePair<string, int>> TopFailures(int count)
    {
        lock (_gate)
        {
            return [.. _failures.OrderByDescending(failure => failure.Value).Take(count)];
        }
    }
}
