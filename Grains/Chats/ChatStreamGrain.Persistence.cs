using Cluster.Grains.Interfaces.Chats;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Chats;

// Persisting the answer while it is generated: pages of chunks first, then the state that counts them.
public sealed partial class ChatStreamGrain
{
    // In the background, one write at a time, of a copy: the generation goes on while the write is under way.
    private void PersistIfDue(ChatAnswer answer)
    {
        if (!_persisting.IsCompleted || timeProvider.GetElapsedTime(_persistedAt) < options.CurrentValue.PersistInterval)
        {
            return;
        }

        _persistedAt = timeProvider.GetTimestamp();
        _persisting = PersistAsync(answer);
    }

    private async Task PersistAsync(ChatAnswer answer)
    {
        try
        {
            await StorePagesAsync(answer);
            Save(answer, ChatStreamStatus.Running, null);
            await stream.WriteStateAsync();
        }
        catch (Exception exception)
        {
            // A stale version deactivates this activation, which ends the generation as interrupted.
            LogPersistFailed(logger, exception, this.GetPrimaryKeyString());
        }
    }

    // The pages completed since the last store; a failure leaves their chunks in the state, to be paged next time.
    private async Task StorePagesAsync(ChatAnswer answer)
    {
        try
        {
            _pagedCount = await ChatStreamPages.StoreAsync(GrainFactory, this.GetPrimaryKeyString(), answer.Chunks, _pagedCount);
        }
        catch (Exception exception)
        {
            LogPersistFailed(logger, exception, this.GetPrimaryKeyString());
        }
    }

    // A fresh state object each time: a write under way serializes the one it was given, never one being changed.
    private void Save(ChatAnswer answer, ChatStreamStatus status, DateTimeOffset? finishedAt)
    {
        var state = new ChatStreamState
        {
            ChatId = State.ChatId,
            AssistantMessageId = State.AssistantMessageId,
            ModelId = State.ModelId,
            StartedAt = State.StartedAt,
            Status = status,
            FinishedAt = finishedAt,
            Recorded = State.Recorded,
        };
        answer.CopyTo(state, _pagedCount);
        stream.State = state;
        _chunks = answer.Chunks;
    }
}
