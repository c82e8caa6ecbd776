namespace Cluster.Runtime.Testing;

/// <summary>
/// The system clock moved by whatever a test adds: for jumps of weeks, where <see cref="ManualTimeProvider"/>
/// would fire every runtime timer due on the way. Timers and timestamps stay on real time.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _shiftTicks;

    /// <summary>The time every instance starts at: 2026-01-01 00:00 UTC.</summary>
    public static DateTimeOffset Start { get; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => Start + TimeSpan.FromTicks(Interlocked.Read(ref _shiftTicks));

    /// <summary>Moves the clock by <paramref name="by"/>, forward or (negative) back.</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _shiftTicks, by.Ticks);
}
