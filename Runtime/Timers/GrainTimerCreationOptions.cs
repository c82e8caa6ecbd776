namespace Cluster.Runtime.Timers;

/// <summary>How a grain timer is scheduled.</summary>
public readonly record struct GrainTimerCreationOptions
{
    /// <summary>Creates options with a due time and a period.</summary>
    /// <param name="dueTime">Delay before the first callback; zero or more.</param>
    /// <param name="period">Delay between the end of one callback and the next; <see cref="Timeout.InfiniteTimeSpan"/> for a single callback.</param>
    public GrainTimerCreationOptions(TimeSpan dueTime, TimeSpan period)
    {
        DueTime = dueTime;
        Period = period;
    }

    /// <summary>Delay before the first callback.</summary>
    public TimeSpan DueTime { get; init; }

    /// <summary>Delay between the end of one callback and the start of the next; infinite for one callback.</summary>
    public TimeSpan Period { get; init; }

    /// <summary>Whether callbacks may interleave with requests (default false: a callback is a turn like a request).</summary>
    public bool Interleave { get; init; }

    /// <summary>Whether a callback counts as activity that keeps the activation from idle collection (default false).</summary>
    public bool KeepAlive { get; init; }
}
