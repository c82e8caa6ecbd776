using Cluster.Runtime.Core;

namespace Cluster.Runtime.Tests.Grains;

public interface ITimerGrain : IGrainWithStringKey
{
    Task StartAsync(int periodMilliseconds, int callbackMilliseconds, bool interleave);

    Task<TimerReport> ReportAsync();

    Task StopAsync();

    Task<int> HoldAsync(int milliseconds);
}
