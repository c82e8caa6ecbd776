namespace Cluster.Grains.Tests.Infrastructure;

/// <summary>
/// The system clock moved by whatever a test adds: for jumps of weeks, where <see cref="Runtime.Testing.ManualTimeProvider"/>
/// would fire every runtime timer due on the way. Timers and timestamps stay on real time.
/// </summary>
internal sealed class ShiftedClock : TimeProvider
{
    private long _shiftTicks;

    public static DateTimeOffset Start { get; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Start + TimeSpan.FromTicks(Interlocked.Read(ref _shiftTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _shiftTicks, by.Ticks);
}
