namespace Cluster.Runtime.Timers;

/// <summary>Deadlines as <see cref="TimeProvider"/> timestamps, which compare without allocating or reading the wall clock.</summary>
internal static class TimestampMath
{
    /// <summary>The timestamp <paramref name="span"/> from now on <paramref name="timeProvider"/>'s clock.</summary>
    public static long TimestampAfter(this TimeProvider timeProvider, TimeSpan span) =>
        timeProvider.GetTimestamp() + (long)(span.TotalSeconds * timeProvider.TimestampFrequency);
}
