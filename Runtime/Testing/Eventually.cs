namespace Cluster.Runtime.Testing;

/// <summary>Waiting in tests for what a cluster does in the background (a check, a push, a recovery).</summary>
public static class Eventually
{
    /// <summary>
    /// Waits until <paramref name="condition"/> completes with true; a condition that throws counts as not met yet (a call
    /// failing while the cluster recovers).
    /// </summary>
    /// <exception cref="TimeoutException">It was not met within <paramref name="timeout"/> (10 s by default); the message says what and the last error.</exception>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? because = null, TimeSpan? pollInterval = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        string? lastError = null;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception exception)
            {
                lastError = $"{exception.GetType().Name}: {exception.Message}";
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met in time: {because ?? "(no description)"}{(lastError is null ? string.Empty : $"; last error: {lastError}")}");
            }

            await Task.Delay(pollInterval ?? TimeSpan.FromMilliseconds(20));
        }
    }
}
