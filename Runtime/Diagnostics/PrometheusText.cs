using System.Globalization;
using System.Text;

namespace Cluster.Runtime.Diagnostics;

/// <summary>
/// Writes kept metrics in the Prometheus text exposition format 0.0.4: instrument names with dots as underscores and
/// the unit as a suffix (<c>_seconds</c>, <c>_bytes</c>), counters ending in <c>_total</c>, histograms as cumulative
/// <c>_bucket</c> series with <c>le</c>, then <c>_sum</c> and <c>_count</c>. Instruments of the same name (one per
/// meter) share one family.
/// </summary>
internal static class PrometheusText
{
    public static string Write(IReadOnlyList<MetricInstrument> instruments, int generation)
    {
        var text = new StringBuilder(16 * 1024);
        foreach (var family in instruments.GroupBy(instrument => FamilyName(instrument), StringComparer.Ordinal).OrderBy(family => family.Key, StringComparer.Ordinal))
        {
            var first = family.First();
            var type = TypeOf(first.Kind);
            var series = family.Where(instrument => TypeOf(instrument.Kind) == type)
                .SelectMany(instrument => instrument.Series
                    .Where(entry => !IsObserved(instrument.Kind) || entry.Generation == generation)
                    .Select(entry => (instrument, entry)))
                .DistinctBy(pair => LabelKey(pair.entry.Tags.Tags), StringComparer.Ordinal)
                .ToList();
            if (series.Count == 0)
            {
                continue;
            }

            text.Append("# HELP ").Append(family.Key).Append(' ').Append(EscapeHelp(first.Instrument.Description ?? first.Instrument.Name)).Append('\n');
            text.Append("# TYPE ").Append(family.Key).Append(' ').Append(type).Append('\n');
            foreach (var (instrument, entry) in series)
            {
                if (instrument.Kind == MetricKind.Histogram)
                {
                    WriteHistogram(text, family.Key, instrument.Bounds, entry);
                }
                else
                {
                    WriteSample(text, family.Key, entry.Tags.Tags, null, instrument.Kind is MetricKind.Sum or MetricKind.UpDownSum ? entry.Sum : entry.Last);
                }
            }
        }

        return text.ToString();
    }

    /// <summary>The family name of an instrument, as Prometheus shows it.</summary>
    public static string FamilyName(MetricInstrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var name = Sanitize(instrument.Instrument.Name, allowColon: true);
        if (UnitSuffix(instrument.Instrument.Unit) is { } unit && !name.EndsWith("_" + unit, StringComparison.Ordinal))
        {
            name += "_" + unit;
        }

        return TypeOf(instrument.Kind) == "counter" && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
    }

    private static void WriteHistogram(StringBuilder text, string name, double[] bounds, MetricSeries entry)
    {
        var buckets = entry.CumulativeBuckets();
        for (var i = 0; i < buckets.Length; i++)
        {
            var le = i < bounds.Length ? Number(bounds[i]) : "+Inf";
            WriteSample(text, name + "_bucket", entry.Tags.Tags, le, buckets[i]);
        }

        WriteSample(text, name + "_sum", entry.Tags.Tags, null, entry.Sum);
        WriteSample(text, name + "_count", entry.Tags.Tags, null, buckets[^1]);
    }

    private static void WriteSample(StringBuilder text, string name, KeyValuePair<string, object?>[] tags, string? le, double value)
    {
        text.Append(name);
        if (tags.Length > 0 || le is not null)
        {
            text.Append('{');
            var separator = string.Empty;
            foreach (var (key, tagValue) in tags.Where(tag => le is null || tag.Key != "le").DistinctBy(tag => Sanitize(tag.Key, allowColon: false)).OrderBy(tag => tag.Key, StringComparer.Ordinal))
            {
                text.Append(separator).Append(Sanitize(key, allowColon: false)).Append("=\"").Append(EscapeLabel(Convert.ToString(tagValue, CultureInfo.InvariantCulture) ?? string.Empty)).Append('"');
                separator = ",";
            }

            if (le is not null)
            {
                text.Append(separator).Append("le=\"").Append(le).Append('"');
            }

            text.Append('}');
        }

        text.Append(' ').Append(Number(value)).Append('\n');
    }

    private static bool IsObserved(MetricKind kind) => kind is MetricKind.ObservedTotal or MetricKind.LastValue;

    // The labels as written: tags whose names or values sanitize to the same text are one series to Prometheus.
    private static string LabelKey(KeyValuePair<string, object?>[] tags) =>
        string.Join(",", tags.Select(tag => $"{Sanitize(tag.Key, allowColon: false)}={Convert.ToString(tag.Value, CultureInfo.InvariantCulture)}").Order(StringComparer.Ordinal));

    private static string TypeOf(MetricKind kind) => kind switch
    {
        MetricKind.Sum or MetricKind.ObservedTotal => "counter",
        MetricKind.Histogram => "histogram",
        _ => "gauge",
    };

    // UCUM units as OpenTelemetry's Prometheus exporter spells them; annotations in braces ("{call}") are dropped.
    private static string? UnitSuffix(string? unit) => unit switch
    {
        "s" => "seconds",
        "ms" => "milliseconds",
        "us" => "microseconds",
        "By" => "bytes",
        "KiBy" => "kibibytes",
        "MiBy" => "mebibytes",
        "%" => "percent",
        "1" or null or "" => null,
        _ when unit.StartsWith('{') => null,
        _ => Sanitize(unit, allowColon: false),
    };

    private static string Sanitize(string name, bool allowColon)
    {
        var builder = new StringBuilder(name.Length + 1);
        foreach (var character in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(character) || character == '_' || (allowColon && character == ':') ? character : '_');
        }

        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    private static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string EscapeHelp(string help) => help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string EscapeLabel(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
