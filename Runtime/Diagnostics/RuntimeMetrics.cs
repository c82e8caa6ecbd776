using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Cluster.Runtime.Diagnostics;

/// <summary>
/// The runtime's instruments, on the meter <see cref="MeterName"/> of the host's <see cref="IMeterFactory"/> (so two
/// silos in one process keep separate figures). Nothing is aggregated until a listener enables an instrument; until
/// then a call pays one check of <see cref="Instrument.Enabled"/>.
/// </summary>
public sealed class RuntimeMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Cluster.Runtime";

    /// <summary>The bucket bounds of the duration histograms, in seconds: 50 µs to 30 s (the default call timeout).</summary>
    public static readonly IReadOnlyList<double> DurationBuckets =
        [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private static readonly InstrumentAdvice<double> DurationAdvice = new() { HistogramBucketBoundaries = DurationBuckets };

    /// <summary>The grain-call histogram's name.</summary>
    public const string GrainCallDurationName = "cluster.grain.call.duration";

    /// <summary>The storage-operation histogram's name.</summary>
    public const string StorageOperationDurationName = "cluster.storage.operation.duration";

    /// <summary>The reminder-tick counter's name.</summary>
    public const string ReminderTicksName = "cluster.reminder.ticks";

    /// <summary>Creates the instruments on a meter of <paramref name="meters"/>.</summary>
    public RuntimeMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        Meter = meters.Create(MeterName);
        GrainCallDuration = Meter.CreateHistogram(
            GrainCallDurationName,
            "s",
            "Time from a call's arrival at its activation (queueing included) to its result, by grain type, interface, method and outcome (ok or error).",
            advice: DurationAdvice);
        StorageOperationDuration = Meter.CreateHistogram(
            StorageOperationDurationName,
            "s",
            "Time of a grain state read, write or clear, by storage provider, operation and outcome (ok, conflict or error).",
            advice: DurationAdvice);
        ReminderTicks = Meter.CreateCounter<long>(
            ReminderTicksName,
            "{tick}",
            "Reminder ticks delivered by this silo, by the reminded grain's type and outcome (ok or error).");
    }

    /// <summary>The meter the instruments belong to.</summary>
    public Meter Meter { get; }

    /// <summary>Grain calls, measured at the activation that ran them.</summary>
    public Histogram<double> GrainCallDuration { get; }

    /// <summary>Grain state operations.</summary>
    public Histogram<double> StorageOperationDuration { get; }

    /// <summary>Reminder ticks, counted by the silo serving the reminder's partition.</summary>
    public Counter<long> ReminderTicks { get; }

    /// <summary>Seconds since <paramref name="startedAt"/>, a <see cref="Stopwatch.GetTimestamp"/> value.</summary>
    public static double SecondsSince(long startedAt) => Stopwatch.GetElapsedTime(startedAt).TotalSeconds;

    internal void RecordReminderTick(string grainType, bool succeeded) =>
        ReminderTicks.Add(
            1,
            new KeyValuePair<string, object?>("grain.type", grainType),
            new KeyValuePair<string, object?>("outcome", succeeded ? "ok" : "error"));

    internal void RecordStorage(string provider, string operation, long startedAt, Exception? exception) =>
        StorageOperationDuration.Record(
            SecondsSince(startedAt),
            new KeyValuePair<string, object?>("storage.provider", provider),
            new KeyValuePair<string, object?>("operation", operation),
            new KeyValuePair<string, object?>("outcome", exception switch
            {
                null => "ok",
                Storage.InconsistentStateException => "conflict",
                _ => "error",
            }));
}
