namespace Cluster.Grains.Persistence;

/// <summary>Times as they are stored: UTC at millisecond precision, so every read shows the value the writer saw.</summary>
public static class StoredTime
{
    public static DateTimeOffset Of(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
