using Cluster.Runtime.Core;

namespace Cluster.Runtime.Tests.Grains;

/// <summary>Reports the <see cref="RequestContext"/> its calls and timers run under.</summary>
public interface IContextGrain : IGrainWithStringKey
{
    Task<string?> GetAsync(string key);

    Task<string?> GetAfterAwaitAsync(string key);

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/> when given, then asks <paramref name="otherKey"/> for it.</summary>
    Task<string?> RelayAsync(string otherKey, string key, string? value);

    /// <summary>Writes <paramref name="message"/> to the grain's log.</summary>
    Task LogAsync(string message);

    Task StartTimerAsync(string key);

    /// <summary>What the timer's first tick saw: the value, <c>(none)</c>, or null before it ticked.</summary>
    Task<string?> TimerSawAsync();
}
