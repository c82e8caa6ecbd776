namespace Cluster.Runtime.Timers;

/// <summary>A timer registered by a grain. Disposing it stops future callbacks.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Reschedules the timer: next callback after <paramref name="dueTime"/>, then every <paramref name="period"/>.</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
