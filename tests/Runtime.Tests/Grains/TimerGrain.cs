using Cluster.Runtime.Core;
using Cluster.Runtime.Timers;

namespace Cluster.Runtime.Tests.Grains;

public sealed class TimerGrain : Grain, ITimerGrain
{
    private IGrainTimer? _timer;
    private int _ticks;
    private int _insideTick;
    private int _maxOverlap;
    private bool _inCall;
    private int _ticksDuringCalls;

    public Task StartAsync(int periodMilliseconds, int callbackMilliseconds, bool interleave)
    {
        var period = TimeSpan.FromMilliseconds(periodMilliseconds);
        _timer = RegisterGrainTimer(
            async cancellationToken =>
            {
                _insideTick++;
                _maxOverlap = Math.Max(_maxOverlap, _insideTick);
                if (_inCall)
                {
                    _ticksDuringCalls++;
                }

                await Task.Delay(callbackMilliseconds, CancellationToken.None);
                _ticks++;
                _insideTick--;
            },
            new GrainTimerCreationOptions(period, period) { Interleave = interleave });
        return Task.CompletedTask;
    }

    public Task StartSelfPausingAsync(int periodMilliseconds)
    {
        var period = TimeSpan.FromMilliseconds(periodMilliseconds);
        _timer = RegisterGrainTimer(
            _ =>
            {
                if (++_ticks == 2)
                {
                    _timer!.Change(Timeout.InfiniteTimeSpan, period);
                }

                return Task.CompletedTask;
            },
            period,
            period);
        return Task.CompletedTask;
    }

    public Task<TimerReport> ReportAsync() => Task.FromResult(new TimerReport(_ticks, _maxOverlap, _ticksDuringCalls));

    public Task StopAsync()
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public async Task<int> HoldAsync(int milliseconds)
    {
        _inCall = true;
        await Task.Delay(milliseconds);
        _inCall = false;
        return _ticks;
    }
}
