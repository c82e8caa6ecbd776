using Cluster.Grains.Interfaces.Chats;
using Cluster.Grains.Persistence;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;

namespace Cluster.Grains.Chats;

[GrainType("chat-message-locator")]
public sealed class ChatMessageLocatorGrain(
    [PersistentState(ChatMessageLocatorGrain.StateName)] IPersistentState<ChatMessageLocatorState> locator) : Grain, IChatMessageLocatorGrain
{
    public const string StateName = "chat-message-locator";

    public async Task AddAsync(string chatId, string ownerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chatId);
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        var location = new ChatMessageLocation(chatId, ownerId);
        if (locator.State.Chats.Count > 0 && locator.State.Chats[^1] == location)
        {
            return;
        }

        await locator.ChangeAsync(
            state =>
            {
                state.Chats.Remove(location);
                state.Chats.Add(location);
                if (state.Chats.Count > IChatMessageLocatorGrain.MaxChats)
                {
                    state.Chats.RemoveAt(0);
                }
            },
            state => new ChatMessageLocatorState { Chats = [.. state.Chats] },
            cancellationToken);
    }

    public Task<string?> FindAsync(string ownerId, CancellationToken cancellationToken = default) =>
        Task.FromResult(locator.State.Chats.LastOrDefault(location => location.OwnerId == ownerId)?.ChatId);
}
