using Cluster.Runtime.Core;
using Cluster.Runtime.Timers;
using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Tests.Grains;

public sealed partial class ContextGrain(ILogger<ContextGrain> logger) : Grain, IContextGrain
{
    private IGrainTimer? _timer;
    private string? _timerSaw;

    public Task<string?> GetAsync(string key) => Task.FromResult(RequestContext.Get(key));

    public async Task<string?> GetAfterAwaitAsync(string key)
    {
        await Task.Delay(20);
        return RequestContext.Get(key);
    }

    public Task<string?> RelayAsync(string otherKey, string key, string? value)
    {
        if (value is not null)
        {
            RequestContext.Set(key, value);
        }

        return GrainFactory.GetGrain<IContextGrain>(otherKey).GetAsync(key);
    }

    public Task LogAsync(string message)
    {
        LogMessage(logger, message);
        return Task.CompletedTask;
    }

    public Task StartTimerAsync(string key)
    {
        _timer = RegisterGrainTimer(
            _ =>
            {
                _timerSaw ??= RequestContext.Get(key) ?? "(none)";
                return Task.CompletedTask;
            },
            TimeSpan.FromMilliseconds(20),
            Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    public Task<string?> TimerSawAsync() => Task.FromResult(_timerSaw);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Text}")]
    private static partial void LogMessage(ILogger logger, string text);
}
