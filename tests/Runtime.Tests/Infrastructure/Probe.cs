using System.Collections.Concurrent;
using Cluster.Runtime.Testing;

namespace Cluster.Runtime.Tests.Infrastructure;

/// <summary>
/// What test grains report about themselves, keyed by grain key. Every test uses fresh keys, so tests running
/// in parallel never see each other's events.
/// </summary>
public static class Probe
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> Events = new();
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Signals = new();

    public static string NewKey(string prefix = "k") => $"{prefix}-{Guid.NewGuid():N}";

    public static void Record(string key, string evt) => Events.GetOrAdd(key, _ => new ConcurrentQueue<string>()).Enqueue(evt);

    public static IReadOnlyList<string> EventsOf(string key) => Events.TryGetValue(key, out var queue) ? [.. queue] : [];

    public static TaskCompletionSource Signal(string name) =>
        Signals.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Waits until <paramref name="condition"/> holds, failing after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Condition not met in time: {because ?? "(no description)"}");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> completes with true (see <see cref="Eventually"/>).</summary>
    public static Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? because = null) =>
        Eventually.WaitUntilAsync(condition, timeout, because);
}
