namespace Cluster.Runtime.Diagnostics;

/// <summary>
/// One series of an instrument: a sum or last value, and for histograms the count per bucket. Sums and histograms are
/// striped over cells by processor, so threads recording on different cores do not fight over one cache line; a
/// scrape adds the cells up while measurements go on, so a histogram's figures may be a measurement apart.
/// </summary>
internal sealed class MetricSeries
{
    private static readonly int CellMask = CellCount() - 1;

    private readonly Cell[] _cells;
    private long _lastBits;
    private int _generation;

    public MetricSeries(MetricTags tags, int bounds)
    {
        Tags = tags;
        _cells = new Cell[CellMask + 1];
        for (var i = 0; i < _cells.Length; i++)
        {
            _cells[i] = new Cell(bounds);
        }
    }

    public MetricTags Tags { get; }

    /// <summary>The sum (counters, histograms).</summary>
    public double Sum => _cells.Sum(cell => BitConverter.Int64BitsToDouble(Volatile.Read(ref cell.SumBits)));

    /// <summary>The last value set (gauges).</summary>
    public double Last => BitConverter.Int64BitsToDouble(Volatile.Read(ref _lastBits));

    /// <summary>The collection that last observed the series (observable instruments only report those of the latest).</summary>
    public int Generation => Volatile.Read(ref _generation);

    public void Add(double value) => Add(ref Mine().SumBits, value);

    public void Set(double value, int generation)
    {
        Interlocked.Exchange(ref _lastBits, BitConverter.DoubleToInt64Bits(value));
        Volatile.Write(ref _generation, generation);
    }

    public void Observe(double value, double[] bounds)
    {
        // Prometheus buckets count values at most their bound ("le"); the last one is +Inf.
        var index = Array.BinarySearch(bounds, value);
        var cell = Mine();
        Interlocked.Increment(ref cell.Buckets[index >= 0 ? index : ~index]);
        Add(ref cell.SumBits, value);
    }

    /// <summary>The cumulative bucket counts, the last for +Inf; its total is the histogram's count.</summary>
    public long[] CumulativeBuckets()
    {
        var buckets = new long[_cells[0].Buckets.Length];
        foreach (var cell in _cells)
        {
            for (var i = 0; i < buckets.Length; i++)
            {
                buckets[i] += Volatile.Read(ref cell.Buckets[i]);
            }
        }

        for (var i = 1; i < buckets.Length; i++)
        {
            buckets[i] += buckets[i - 1];
        }

        return buckets;
    }

    private static void Add(ref long bits, double value)
    {
        long seen;
        long next;
        do
        {
            seen = Volatile.Read(ref bits);
            next = BitConverter.DoubleToInt64Bits(BitConverter.Int64BitsToDouble(seen) + value);
        }
        while (Interlocked.CompareExchange(ref bits, next, seen) != seen);
    }

    private static int CellCount()
    {
        var count = 1;
        while (count < Math.Min(Environment.ProcessorCount, 16))
        {
            count <<= 1;
        }

        return count;
    }

    private Cell Mine() => _cells[Thread.GetCurrentProcessorId() & CellMask];

    // A class, not a struct in an array: each cell is its own allocation, away from its neighbours' cache lines.
    private sealed class Cell(int bounds)
    {
        public readonly long[] Buckets = bounds > 0 ? new long[bounds + 1] : [];
        public long SumBits;
    }
}
