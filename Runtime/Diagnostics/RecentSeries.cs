using System.Runtime.CompilerServices;

namespace Cluster.Runtime.Diagnostics;

/// <summary>
/// Each thread's last series per instrument slot, found again when a measurement carries the very same tag objects
/// (instrumented code passes the same string instances call after call): no hashing of the tags then. A miss only
/// means the full lookup.
/// </summary>
internal static class RecentSeries
{
    private const int Slots = 16;

    [ThreadStatic]
    private static Entry[]? _entries;

    public static MetricSeries? Find(MetricInstrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var entry = _entries?[SlotOf(instrument)];
        return entry is not null && ReferenceEquals(entry.Instrument, instrument) && SameObjects(entry.Series!.Tags.Tags, tags) ? entry.Series : null;
    }

    public static void Remember(MetricInstrument instrument, MetricSeries series, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // Only a series whose own tags hold these very objects can be found again; others would miss every time.
        if (SameObjects(series.Tags.Tags, tags))
        {
            var entry = (_entries ??= new Entry[Slots])[SlotOf(instrument)] ??= new Entry();
            entry.Instrument = instrument;
            entry.Series = series;
        }
    }

    private static bool SameObjects(KeyValuePair<string, object?>[] own, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (own.Length != tags.Length)
        {
            return false;
        }

        for (var i = 0; i < tags.Length; i++)
        {
            if (!ReferenceEquals(own[i].Key, tags[i].Key) || !ReferenceEquals(own[i].Value, tags[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    private static int SlotOf(MetricInstrument instrument) => (RuntimeHelpers.GetHashCode(instrument) & int.MaxValue) % Slots;

    // Reused in place: switching between series allocates nothing.
    private sealed class Entry
    {
        public MetricInstrument? Instrument;
        public MetricSeries? Series;
    }
}
