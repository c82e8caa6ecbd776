using Cluster.Grains.Interfaces.Chats;
using Cluster.Grains.Persistence;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;

namespace Cluster.Grains.Chats;

[GrainType("chat-quota")]
public sealed class ChatQuotaGrain(
    [PersistentState(ChatQuotaGrain.StateName)] IPersistentState<ChatQuotaState> quota,
    TimeProvider timeProvider) : Grain, IChatQuotaGrain
{
    public const string StateName = "chat-quota";

    public async Task<bool> TryTakeAsync(int limit, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, IChatQuotaGrain.MaxLimit);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        var now = timeProvider.GetUtcNow();
        var recent = quota.State.Taken.Where(taken => taken > now - window).ToList();
        if (recent.Count >= limit)
        {
            return false;
        }

        recent.Add(now);
        await quota.ChangeAsync(state => state.Taken = recent.Count > limit ? recent[^limit..] : recent, state => new ChatQuotaState { Taken = [.. state.Taken] }, cancellationToken);
        return true;
    }

    public Task<int> CountAsync(TimeSpan window, CancellationToken cancellationToken = default)
    {
        var since = timeProvider.GetUtcNow() - window;
        return Task.FromResult(quota.State.Taken.Count(taken => taken > since));
    }
}
