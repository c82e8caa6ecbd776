using Cluster.Runtime.Diagnostics;

namespace Cluster.Dashboard.Sampling;

/// <summary>Turns the silos' reports (totals since each process started) into one sample of rates since the previous reports.</summary>
internal static class SampleBuilder
{
    private const string GrainTypeTag = "grain.type";

    /// <summary>Methods listed per sample, most called first; the page ranks them by calls, errors or latency.</summary>
    public const int MaxMethods = 50;

    public static ClusterSample Build(
        DateTimeOffset at,
        IReadOnlyList<SiloMember> members,
        IReadOnlyList<(SiloMember Member, SiloReport? Report, string? Error)> reports,
        IReadOnlyDictionary<string, SiloReport> previous)
    {
        var seconds = PeriodOf(at, reports, previous);
        var all = new HistogramTally();
        var methods = new Dictionary<(string, string, string), HistogramTally>();
        var types = new Dictionary<string, HistogramTally>(StringComparer.Ordinal);
        var storage = new Dictionary<(string, string), HistogramTally>();
        var activationsByType = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var silos = new List<SiloSample>();
        foreach (var (member, report, error) in reports)
        {
            if (report is null)
            {
                silos.Add(Unreachable(member, error));
                continue;
            }

            var before = previous.GetValueOrDefault(report.Silo);
            var earlierCalls = BySeries(before?.Calls);
            var earlierStorage = BySeries(before?.Storage);
            var siloCalls = new HistogramTally();
            foreach (var point in report.Calls)
            {
                var earlier = earlierCalls.GetValueOrDefault(SeriesKey(point));
                var tags = point.Tags;
                siloCalls.Add(point, earlier);
                all.Add(point, earlier);
                Tally(methods, (tags.GetValueOrDefault(GrainTypeTag, "?"), tags.GetValueOrDefault("interface", "?"), tags.GetValueOrDefault("method", "?"))).Add(point, earlier);
                Tally(types, tags.GetValueOrDefault(GrainTypeTag, "?")).Add(point, earlier);
            }

            foreach (var point in report.Storage)
            {
                Tally(storage, (point.Tags.GetValueOrDefault("storage.provider", "?"), point.Tags.GetValueOrDefault("operation", "?"))).Add(point, earlierStorage.GetValueOrDefault(SeriesKey(point)));
            }

            foreach (var (type, count) in report.ActivationsByType)
            {
                Tally(types, type);
                if (!activationsByType.TryGetValue(type, out var bySilo))
                {
                    activationsByType[type] = bySilo = new Dictionary<string, int>(StringComparer.Ordinal);
                }

                bySilo[report.Silo] = count;
            }

            silos.Add(SiloOf(report, before, seconds, siloCalls));
        }

        return new ClusterSample(
            at,
            seconds,
            members,
            silos,
            silos.Sum(silo => silo.Activations),
            all.Summarize(seconds),
            [.. methods.Where(pair => pair.Value.Count > 0).OrderByDescending(pair => pair.Value.Count).Take(MaxMethods)
                .Select(pair => new MethodSample(pair.Key.Item1, pair.Key.Item2, pair.Key.Item3, pair.Value.Summarize(seconds)))],
            [.. types.Select(pair => new GrainTypeSample(pair.Key, activationsByType.GetValueOrDefault(pair.Key) ?? [], pair.Value.Summarize(seconds)))
                .OrderByDescending(type => type.ActivationsBySilo.Values.Sum()).ThenBy(type => type.GrainType, StringComparer.Ordinal)],
            [.. storage.OrderBy(pair => pair.Key).Select(pair => new StorageSample(
                pair.Key.Item1, pair.Key.Item2, pair.Value.Summarize(seconds), seconds > 0 ? pair.Value.Conflicts / seconds : 0))]);
    }

    // The longest time any reporting silo has covered since its previous report; the configured period at the start.
    private static double PeriodOf(DateTimeOffset at, IReadOnlyList<(SiloMember Member, SiloReport? Report, string? Error)> reports, IReadOnlyDictionary<string, SiloReport> previous)
    {
        var spans = reports.Where(entry => entry.Report is not null && previous.ContainsKey(entry.Report.Silo))
            .Select(entry => (entry.Report!.CapturedAt - previous[entry.Report.Silo].CapturedAt).TotalSeconds)
            .Where(span => span > 0)
            .ToList();
        return spans.Count > 0 ? spans.Max() : 0;
    }

    private static SiloSample SiloOf(SiloReport report, SiloReport? before, double seconds, HistogramTally calls)
    {
        var process = report.Process;
        var span = before is null ? 0 : (report.CapturedAt - before.CapturedAt).TotalSeconds;
        double PerSpan(double now, double then) => span > 0 ? Math.Max(0, now - then) / span : 0;
        return new SiloSample(
            report.Silo,
            report.Status,
            null,
            before is null ? 0 : Math.Min(100, 100 * PerSpan(process.CpuSeconds, before.Process.CpuSeconds) / Math.Max(1, process.ProcessorCount)),
            process.WorkingSetBytes,
            process.GcHeapBytes,
            before is null ? 0 : Math.Min(100, 100 * PerSpan(process.GcPauseSeconds, before.Process.GcPauseSeconds)),
            before is null ? 0 : 60 * PerSpan(process.Gen2Collections, before.Process.Gen2Collections),
            process.ThreadPoolThreads,
            process.ThreadPoolQueue,
            report.Connections,
            report.ActivationsByType.Values.Sum(),
            calls.Summarize(seconds),
            report.StartedAt);
    }

    private static SiloSample Unreachable(SiloMember member, string? error) =>
        new(member.Silo, member.Status, error ?? "no report", 0, 0, 0, 0, 0, 0, 0, 0, 0, new LatencySummary(0, 0, null, null), null);

    private static Dictionary<string, HistogramPoint> BySeries(IReadOnlyList<HistogramPoint>? points) =>
        points?.ToDictionary(SeriesKey, StringComparer.Ordinal) ?? new Dictionary<string, HistogramPoint>(StringComparer.Ordinal);

    // The tags in key order, with separators no tag name or value of the runtime's instruments contains.
    private static string SeriesKey(HistogramPoint point) =>
        string.Join('\u001f', point.Tags.OrderBy(tag => tag.Key, StringComparer.Ordinal).Select(tag => $"{tag.Key}\u001e{tag.Value}"));

    private static HistogramTally Tally<TKey>(Dictionary<TKey, HistogramTally> tallies, TKey key)
        where TKey : notnull
    {
        if (!tallies.TryGetValue(key, out var tally))
        {
            tallies[key] = tally = new HistogramTally();
        }

        return tally;
    }
}
