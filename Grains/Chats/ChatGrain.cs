using System.Text.Json;
using Cluster.Grains.Interfaces.Chats;
using Cluster.Grains.Persistence;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;

namespace Cluster.Grains.Chats;

// Calls go from a chat to its streams only to start them, and to message locators, which call nobody; streams record
// their answers from their background work, never from a turn.
[GrainType(ChatGrain.TypeName)]
public sealed class ChatGrain(
    [PersistentState(ChatGrain.StateName)] IPersistentState<ChatState> chat,
    [PersistentState(ChatGrain.MessagesStateName)] IPersistentState<ChatMessagesState> messages,
    TimeProvider timeProvider) : Grain, IChatGrain
{
    public const string TypeName = "chat";
    public const string StateName = "chat";
    public const string MessagesStateName = "chat-messages";

    private ChatState State => chat.State;

    private List<ChatMessageInfo> Messages => messages.State.Messages;

    public async Task<ChatTurnResult> SendAsync(ChatTurn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentException.ThrowIfNullOrWhiteSpace(turn.UserId);
        ArgumentException.ThrowIfNullOrWhiteSpace(turn.MessageId);
        ArgumentException.ThrowIfNullOrWhiteSpace(turn.ModelId);
        if (turn.Parts.ValueKind != JsonValueKind.Array)
        {
            throw new ArgumentException("The message's parts must be a JSON array.", nameof(turn));
        }

        var now = Now();
        if (!State.Exists)
        {
            await CreateAsync(turn.UserId, null, turn.Visibility, now, cancellationToken);
        }
        else if (State.OwnerId != turn.UserId)
        {
            return new ChatTurnResult(ChatTurnOutcome.Forbidden, null, null);
        }

        // The first message names the chat, unless its creator already did.
        var titleSource = Messages.Count == 0 && State.Title == ChatLimits.DefaultTitle ? ChatConversation.TextOf(turn.Parts) : null;

        var existing = Messages.FindIndex(message => message.Id == turn.MessageId);
        if (existing < 0 && Messages.Count >= ChatLimits.MaxMessages)
        {
            return new ChatTurnResult(ChatTurnOutcome.Full, null, null);
        }

        // A message sent again (a retry, or an edit) replaces itself and what followed it.
        var userMessage = new ChatMessageInfo(turn.MessageId, "user", turn.Parts, EmptyArray(), now, ChatMessageStatus.Complete);
        await messages.ChangeAsync(state =>
        {
            if (existing >= 0)
            {
                RemoveFrom(state, existing);
            }

            state.Messages.Add(userMessage);
        }, state => state.Clone(), cancellationToken);
        await GrainFactory.GetGrain<IChatMessageLocatorGrain>(turn.MessageId).AddAsync(this.GetPrimaryKeyString(), turn.UserId, cancellationToken);

        var streamId = Guid.CreateVersion7().ToString();
        var answerId = Guid.NewGuid().ToString();
        var request = new ChatGenerationRequest(this.GetPrimaryKeyString(), answerId, turn.ModelId, ChatConversation.Of(Messages), titleSource);
        await GrainFactory.GetGrain<IChatStreamGrain>(streamId).StartAsync(request, cancellationToken);
        await chat.ChangeAsync(state => state.LatestStream = new ChatStreamRef(streamId, answerId, now, IsRecorded: false), state => state.Clone(), cancellationToken);
        return new ChatTurnResult(ChatTurnOutcome.Started, streamId, answerId);
    }

    public async Task<ChatInfo?> CreateAsync(string ownerId, string? title, ChatVisibility visibility, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        if (!State.Exists)
        {
            await CreateAsync(ownerId, title, visibility, Now(), cancellationToken);
        }

        return State.OwnerId == ownerId ? State.ToInfo(this.GetPrimaryKeyString()) : null;
    }

    public Task<ChatView?> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(
        State.Exists ? new ChatView(State.ToInfo(this.GetPrimaryKeyString()), [.. Messages], State.LatestStream) : null);

    public Task<ChatInfo?> GetInfoAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(State.Exists ? State.ToInfo(this.GetPrimaryKeyString()) : null);

    public async Task<ChatInfo?> DeleteAsync(CancellationToken cancellationToken = default)
    {
        if (!State.Exists)
        {
            return null;
        }

        var deleted = State.ToInfo(this.GetPrimaryKeyString());
        await messages.ClearStateAsync(cancellationToken);
        await chat.ClearStateAsync(cancellationToken);
        return deleted;
    }

    public async Task<ChatInfo?> SetVisibilityAsync(ChatVisibility visibility, CancellationToken cancellationToken = default)
    {
        if (!State.Exists)
        {
            return null;
        }

        if (State.Visibility != visibility)
        {
            await chat.ChangeAsync(state => state.Visibility = visibility, state => state.Clone(), cancellationToken);
        }

        return State.ToInfo(this.GetPrimaryKeyString());
    }

    public async Task SetTitleAsync(string title, CancellationToken cancellationToken = default)
    {
        var cleaned = Models.ChatTitles.Clean(title);
        if (State.Exists && cleaned != State.Title)
        {
            await chat.ChangeAsync(state => state.Title = cleaned, state => state.Clone(), cancellationToken);
        }
    }

    public async Task<int?> DeleteMessagesFromAsync(string messageId, CancellationToken cancellationToken = default)
    {
        var index = Messages.FindIndex(message => message.Id == messageId);
        if (!State.Exists || index < 0)
        {
            return null;
        }

        var count = Messages.Count - index;
        await messages.ChangeAsync(state => RemoveFrom(state, index), state => state.Clone(), cancellationToken);
        return count;
    }

    public async Task RecordAnswerAsync(string streamId, ChatMessageInfo answer, ChatUsage? usage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (!State.Exists)
        {
            return;
        }

        if (!Messages.Exists(message => message.Id == answer.Id))
        {
            await messages.ChangeAsync(state => state.Messages.Add(answer), state => state.Clone(), cancellationToken);
            await GrainFactory.GetGrain<IChatMessageLocatorGrain>(answer.Id).AddAsync(this.GetPrimaryKeyString(), State.OwnerId!, cancellationToken);
        }

        var latest = State.LatestStream is { } stream && stream.StreamId == streamId ? stream with { IsRecorded = true } : State.LatestStream;
        if (latest != State.LatestStream || (usage is not null && usage != State.LastContext))
        {
            await chat.ChangeAsync(state =>
            {
                state.LatestStream = latest;
                state.LastContext = usage ?? state.LastContext;
            }, state => state.Clone(), cancellationToken);
        }
    }

    public Task<IReadOnlyList<ChatVoteInfo>> GetVotesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ChatVoteInfo>>([.. messages.State.Votes.Values.OrderBy(vote => vote.CreatedAt)]);

    public async Task<bool> VoteAsync(string messageId, bool? isUpvoted, string? feedback, CancellationToken cancellationToken = default)
    {
        if (!State.Exists || !Messages.Exists(message => message.Id == messageId))
        {
            return false;
        }

        var now = Now();
        var before = messages.State.Votes.GetValueOrDefault(messageId);
        var vote = new ChatVoteInfo(
            messageId,
            isUpvoted ?? before?.IsUpvoted,
            feedback is null ? before?.Feedback : feedback[..Math.Min(feedback.Length, ChatVoteInfo.MaxFeedbackLength)],
            before?.CreatedAt ?? now,
            now);
        await messages.ChangeAsync(state => state.Votes[messageId] = vote, state => state.Clone(), cancellationToken);
        return true;
    }

    private Task CreateAsync(string ownerId, string? title, ChatVisibility visibility, DateTimeOffset now, CancellationToken cancellationToken) =>
        chat.ChangeAsync(state =>
        {
            state.Exists = true;
            state.OwnerId = ownerId;
            state.Title = string.IsNullOrWhiteSpace(title) ? ChatLimits.DefaultTitle : Models.ChatTitles.Clean(title);
            state.Visibility = visibility;
            state.CreatedAt = now;
            state.HistoryKey = ChatHistoryKeys.For(ownerId, now);
        }, state => state.Clone(), cancellationToken);

    private static void RemoveFrom(ChatMessagesState state, int index)
    {
        foreach (var removed in state.Messages.Skip(index))
        {
            state.Votes.Remove(removed.Id);
        }

        state.Messages.RemoveRange(index, state.Messages.Count - index);
    }

    private DateTimeOffset Now() => StoredTime.Of(timeProvider.GetUtcNow());

    private static JsonElement EmptyArray()
    {
        using var document = JsonDocument.Parse("[]");
        return document.RootElement.Clone();
    }
}
