using Cluster.Grains.Chats.Models;
using Cluster.Grains.Interfaces.Chats;
using Cluster.Grains.Interfaces.Settings;
using Cluster.Runtime.Core;
using Cluster.Runtime.Observers;
using Cluster.Runtime.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Chats;

// The generation runs in the background of the activation (its awaits continue on the activation, between turns), so
// subscriptions, reads and Stop are served while it runs. Calls go from here to the chat only from that background
// work, never from a turn, so a chat waiting on this grain (to start it) can never wait on itself.
[GrainType(ChatStreamGrain.TypeName)]
[CollectionAgeLimit(Minutes = 5)]
public sealed partial class ChatStreamGrain(
    [PersistentState(ChatStreamGrain.StateName)] IPersistentState<ChatStreamState> stream,
    ChatModelRouter models,
    IOptionsMonitor<ChatOptions> options,
    TimeProvider timeProvider,
    ILogger<ChatStreamGrain> logger) : Grain, IChatStreamGrain
{
    public const string TypeName = "chat-stream";
    public const string StateName = "chat-stream";

    /// <summary>What a resumed or replayed stream says of an answer cut short by a silo's death or shutdown.</summary>
    public const string InterruptedText = "The answer was interrupted because the server generating it stopped; what was written so far is kept.";

    private static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(2);

    private readonly ObserverManager<IChatStreamObserver> _observers = new(SubscriptionLifetime, logger, timeProvider);
    private ChatAnswer? _answer;
    private CancellationTokenSource? _generation;
    private Task? _running;
    private ChatStreamStatus _cancelledAs = ChatStreamStatus.Stopped;
    private Task _persisting = Task.CompletedTask;
    private long _persistedAt;

    // Every chunk of a stream that is not generating here (read back with its pages on activation), and how many of
    // them are stored in pages.
    private List<string> _chunks = [];
    private int _pagedCount;

    private ChatStreamState State => stream.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _pagedCount = State.PagedChunkCount;
        _chunks = await ChatStreamPages.LoadAsync(GrainFactory, this.GetPrimaryKeyString(), State, cancellationToken);
        if (State.Status == ChatStreamStatus.Running)
        {
            // Only the activation that started a generation runs it: this one finds the answer its silo left behind.
            LogInterrupted(logger, this.GetPrimaryKeyString());
            var answer = ChatAnswer.From(State, _chunks);
            answer.Close(ChatStreamStatus.Interrupted, InterruptedText);
            Save(answer, ChatStreamStatus.Interrupted, timeProvider.GetUtcNow());
            await stream.WriteStateAsync(cancellationToken);
        }

        if (State.Status is not (ChatStreamStatus.Pending or ChatStreamStatus.Running) && !State.Recorded)
        {
            _ = RecordAndSaveAsync(ChatAnswer.From(State, _chunks));
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_running is { IsCompleted: false } running)
        {
            _cancelledAs = ChatStreamStatus.Interrupted;
            await _generation!.CancelAsync();
            await running.WaitAsync(cancellationToken);
        }
    }

    public async Task StartAsync(ChatGenerationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (State.Status != ChatStreamStatus.Pending)
        {
            return;
        }

        var found = models.Find(request.ModelId) ?? throw new ArgumentException($"The chat model '{request.ModelId}' is not configured in this cluster.", nameof(request));

        // Read before the stream is marked running: a failure here leaves it pending, for the caller to see and retry.
        var platform = await GrainFactory.GetGrain<IPlatformSettingsGrain>(IPlatformSettingsGrain.Key).GetGenerationAsync(cancellationToken);
        _answer = ChatAnswer.Begin(request.AssistantMessageId);
        State.ChatId = request.ChatId;
        State.AssistantMessageId = request.AssistantMessageId;
        State.ModelId = request.ModelId;
        State.StartedAt = timeProvider.GetUtcNow();
        Save(_answer, ChatStreamStatus.Running, null);
        await stream.WriteStateAsync(cancellationToken);
        _persistedAt = timeProvider.GetTimestamp();

        var settings = options.CurrentValue;
        var conversation = platform.ChatPrompt.Length == 0 ? request.Conversation : [new ChatPromptMessage("system", platform.ChatPrompt), .. request.Conversation];
        DelayDeactivation(settings.MaxGenerationTime + TimeSpan.FromMinutes(1));
        _generation = new CancellationTokenSource(settings.MaxGenerationTime, timeProvider);
        _running = GenerateAsync(found.Model, found.Provider, conversation, _generation.Token);
        if (request.TitleFrom is { } titleFrom)
        {
            _ = TitleAsync(request.ChatId, titleFrom, platform);
        }
    }

    public Task<ChatStreamSnapshot> SubscribeAsync(IChatStreamObserver observer, int fromIndex, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (State.Status is ChatStreamStatus.Pending or ChatStreamStatus.Running)
        {
            _observers.Subscribe(observer);
        }

        return Task.FromResult(Snapshot(fromIndex));
    }

    public Task UnsubscribeAsync(IChatStreamObserver observer, CancellationToken cancellationToken = default)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task<ChatStreamSnapshot> GetChunksAsync(int fromIndex, CancellationToken cancellationToken = default) => Task.FromResult(Snapshot(fromIndex));

    public async Task<bool> StopAsync(CancellationToken cancellationToken = default)
    {
        if (_running is not { IsCompleted: false } || _generation is null)
        {
            return false;
        }

        _cancelledAs = ChatStreamStatus.Stopped;
        await _generation.CancelAsync();
        return true;
    }

    private async Task GenerateAsync(ChatModelOptions model, IChatModelProvider provider, IReadOnlyList<ChatPromptMessage> conversation, CancellationToken cancellationToken)
    {
        var answer = _answer!;
        ChatStreamStatus status;
        string? errorText = null;
        try
        {
            await foreach (var item in provider.StreamAsync(model, conversation, cancellationToken))
            {
                if (item.Usage is { } usage)
                {
                    answer.Usage = new ChatUsage(usage.InputTokens, usage.OutputTokens, usage.ReasoningTokens, model.Id);
                    continue;
                }

                Publish(answer, answer.Add(item), finished: false);
                if (answer.Length >= ChatLimits.MaxAnswerCharacters)
                {
                    break;
                }

                PersistIfDue(answer);
            }

            status = ChatStreamStatus.Completed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            status = _cancelledAs;
            errorText = status == ChatStreamStatus.Interrupted ? InterruptedText : null;
        }
        catch (ModelProviderException exception)
        {
            status = ChatStreamStatus.Failed;
            errorText = exception.Message;
        }
        catch (Exception exception)
        {
            LogGenerationFailed(logger, exception, this.GetPrimaryKeyString());
            status = ChatStreamStatus.Failed;
            errorText = "The answer failed because of an error on the server.";
        }

        await _persisting;
        var closing = answer.Close(status, errorText);
        await StorePagesAsync(answer);
        Save(answer, status, timeProvider.GetUtcNow());
        await RecordAndSaveAsync(answer);
        Publish(answer, closing, finished: true);
        _observers.Clear();
    }

    // The chat stores the answer before the stream's last chunk goes out, so a client that reloads at the end finds it.
    private async Task RecordAndSaveAsync(ChatAnswer answer)
    {
        var message = answer.ToMessage(State.FinishedAt ?? timeProvider.GetUtcNow(), StatusOfMessage(State.Status));
        var chat = GrainFactory.GetGrain<IChatGrain>(State.ChatId!);
        for (var attempt = 1; attempt <= 3 && !State.Recorded; attempt++)
        {
            try
            {
                await chat.RecordAnswerAsync(this.GetPrimaryKeyString(), message, answer.Usage);
                State.Recorded = true;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogRecordFailed(logger, exception, this.GetPrimaryKeyString(), attempt);
                await Task.Delay(TimeSpan.FromSeconds(attempt), timeProvider);
            }
        }

        try
        {
            await stream.WriteStateAsync();
        }
        catch (Exception exception)
        {
            // The chat has the answer (or will get it at the next activation); the replay keeps what was persisted.
            LogPersistFailed(logger, exception, this.GetPrimaryKeyString());
        }
    }

    private void Publish(ChatAnswer answer, int firstIndex, bool finished)
    {
        if (_observers.Count > 0 && firstIndex < answer.Chunks.Count)
        {
            var chunks = answer.Chunks.GetRange(firstIndex, answer.Chunks.Count - firstIndex);
            var key = this.GetPrimaryKeyString();
            _observers.Notify(observer => observer.OnChunks(key, firstIndex, chunks, finished));
        }
    }

    private async Task TitleAsync(string chatId, string firstMessage, GenerationSettingsInfo platform)
    {
        try
        {
            var title = await ChatTitles.GenerateAsync(models, platform.TitleModel, platform.TitlePrompt, firstMessage, CancellationToken.None);
            await GrainFactory.GetGrain<IChatGrain>(chatId).SetTitleAsync(title);
        }
        catch (Exception exception)
        {
            // The chat keeps its default title.
            LogTitleFailed(logger, exception, chatId);
        }
    }

    private ChatStreamSnapshot Snapshot(int fromIndex)
    {
        var chunks = _answer is { } live && State.Status == ChatStreamStatus.Running ? live.Chunks : _chunks;
        var from = Math.Clamp(fromIndex, 0, chunks.Count);
        return new ChatStreamSnapshot(from, chunks.GetRange(from, chunks.Count - from), State.Status, State.FinishedAt);
    }

    private static ChatMessageStatus StatusOfMessage(ChatStreamStatus status) => status switch
    {
        ChatStreamStatus.Stopped => ChatMessageStatus.Stopped,
        ChatStreamStatus.Interrupted => ChatMessageStatus.Interrupted,
        ChatStreamStatus.Failed => ChatMessageStatus.Failed,
        _ => ChatMessageStatus.Complete,
    };
}
