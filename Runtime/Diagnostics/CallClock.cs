using System.Diagnostics;

namespace Cluster.Runtime.Diagnostics;

/// <summary>
/// A 32-bit clock for per-call timing: <see cref="Stopwatch"/> ticks shifted down to units of at most a microsecond,
/// so a timestamp fits in the 4 bytes a request's flags leave free and timing adds nothing to a call's allocation.
/// It wraps after 2^32 units (36 minutes at 512 ns on Linux), far beyond the default 30 s call timeout; a call that
/// outlives its caller's timeout by more than that is recorded short.
/// </summary>
internal static class CallClock
{
    private static readonly int Shift = ShiftFor(Stopwatch.Frequency);
    private static readonly double SecondsPerUnit = (double)(1L << Shift) / Stopwatch.Frequency;

    public static uint Now() => unchecked((uint)(Stopwatch.GetTimestamp() >> Shift));

    public static double SecondsSince(uint startedAt) => unchecked(Now() - startedAt) * SecondsPerUnit;

    // The largest shift whose unit is still at most 1 µs.
    private static int ShiftFor(long frequency)
    {
        var shift = 0;
        while (shift < 30 && (1L << (shift + 1)) * 1_000_000 <= frequency)
        {
            shift++;
        }

        return shift;
    }
}
