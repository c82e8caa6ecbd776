namespace Cluster.ApiHost.Tests.Chats;

/// <summary>The system clock moved by a fixed offset: a host that lives a little in the future.</summary>
public sealed class OffsetClock(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
