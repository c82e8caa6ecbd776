using Cluster.Runtime.Core;

namespace Cluster.Runtime.Tests.Grains;

public interface ITimerGrain : IGrainWithStringKey
{
    Task StartAsync(int periodMilliseconds, int callbackMilliseconds, bool interleave);

    Task<TimerReport> ReportAsync();

    Task StopAsync();

    /// <summary>Starts a timer whose second callback pauses it with Change(Infinite, period).</summary>
    Task StartSelfPausingAsync(int periodMilliseconds);

    Task<int> HoldAsync(int milliseconds);
}
