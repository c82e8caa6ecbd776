using System.Diagnostics;
using Cluster.Grains.Chats.Models;
using Cluster.Grains.Interfaces.Documents;
using Cluster.Grains.Interfaces.Settings;
using Cluster.Grains.Persistence;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Settings;

[GrainType("platform-settings")]
public sealed class PlatformSettingsGrain(
    [PersistentState(PlatformSettingsGrain.StateName)] IPersistentState<PlatformSettingsState> settings,
    IOptionsMonitor<ChatOptions> chatOptions,
    ChatModelRouter models,
    TimeProvider timeProvider) : Grain, IPlatformSettingsGrain
{
    public const string StateName = "platform-settings";

    private const string MaxContentName = "maxContentCharacters";
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(20);

    private PlatformSettingsState State => settings.State;

    public Task<AiSettingsView> GetAiAsync(CancellationToken cancellationToken = default)
    {
        var configured = chatOptions.CurrentValue;
        var ai = State.Ai;
        var effective = AiConnection.Apply(configured.OpenAI, ai);
        var overridden = new[] { (AiSettingsPatch.BaseUrl, ai.BaseUrl), (AiSettingsPatch.ApiKey, ai.ApiKey), (AiSettingsPatch.AzureApiVersion, ai.AzureApiVersion), (AiSettingsPatch.TitleModel, ai.TitleModel) }
            .Where(pair => pair.Item2 is not null).Select(pair => pair.Item1).ToList();
        return Task.FromResult(new AiSettingsView(
            effective.AzureApiVersion is null ? "openai" : "azure-openai",
            effective.BaseUrl,
            effective.ApiKey.Length > 0 ? SettingsMasks.Secret : string.Empty,
            effective.AzureApiVersion,
            ai.TitleModel ?? configured.TitleModel,
            [.. configured.Models.Keys.Order(StringComparer.Ordinal)],
            overridden,
            State.AiUpdatedAt,
            State.AiUpdatedBy));
    }

    public Task<AiConnectionInfo> GetAiConnectionAsync(CancellationToken cancellationToken = default) => Task.FromResult(State.Ai);

    public async Task<SettingsChange> UpdateAiAsync(string patch, string actorId, CancellationToken cancellationToken = default)
    {
        var (next, changes, changed) = AiSettingsPatch.Apply(State.Ai, patch, chatOptions.CurrentValue.Models.Keys);
        if (changes.Errors.Count > 0)
        {
            return new SettingsChange(changes.Errors, []);
        }

        if (changed.Count > 0)
        {
            var now = timeProvider.GetUtcNow();
            await ChangeAsync(
                state =>
                {
                    state.Ai = next;
                    state.AiUpdatedAt = now;
                    state.AiUpdatedBy = actorId;
                },
                cancellationToken);
        }

        return new SettingsChange([], changed);
    }

    public async Task<AiTestResult> TestAiAsync(CancellationToken cancellationToken = default)
    {
        var modelId = State.Ai.TitleModel ?? chatOptions.CurrentValue.TitleModel;
        var started = Stopwatch.GetTimestamp();
        if (models.Find(modelId) is not var (model, provider))
        {
            return new AiTestResult(false, modelId, 0, null, $"The model '{modelId}' is not configured.");
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TestTimeout);
        try
        {
            var reply = await provider.CompleteAsync(model, "Answer with the single word OK.", "Are you there?", deadline.Token);
            return new AiTestResult(true, modelId, Stopwatch.GetElapsedTime(started).TotalMilliseconds, reply.Length <= 200 ? reply : reply[..200], null);
        }
        catch (ModelProviderException exception)
        {
            return new AiTestResult(false, modelId, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null, exception.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AiTestResult(false, modelId, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null, $"No answer within {TestTimeout.TotalSeconds:0} s.");
        }
    }

    public Task<GenerationSettingsInfo> GetGenerationAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new GenerationSettingsInfo(PromptText(SystemPromptCatalog.Chat), PromptText(SystemPromptCatalog.Title), State.Ai.TitleModel));

    public Task<IReadOnlyList<SystemPromptInfo>> GetSystemPromptsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SystemPromptInfo>>([.. SystemPromptCatalog.All.Select(prompt => PromptOf(prompt.Id)!)]);

    public async Task<SystemPromptInfo?> UpdateSystemPromptAsync(string id, string? content, string actorId, CancellationToken cancellationToken = default)
    {
        if (SystemPromptCatalog.All.All(prompt => prompt.Id != id))
        {
            return null;
        }

        if (content is { Length: > SystemPromptInfo.MaxContentLength })
        {
            throw new ArgumentException($"A system prompt has at most {SystemPromptInfo.MaxContentLength} characters.", nameof(content));
        }

        var now = timeProvider.GetUtcNow();
        await ChangeAsync(
            state =>
            {
                if (content is null)
                {
                    state.Prompts.Remove(id);
                }
                else
                {
                    state.Prompts[id] = new SystemPromptState(content, now, actorId);
                }
            },
            cancellationToken);
        return PromptOf(id);
    }

    public Task<DocumentLimitsInfo> GetDocumentLimitsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new DocumentLimitsInfo(State.MaxContentCharacters ?? DocumentLimits.MaxContentLength, State.LimitsUpdatedAt, State.LimitsUpdatedBy));

    public async Task<SettingsChange> UpdateDocumentLimitsAsync(string patch, string actorId, CancellationToken cancellationToken = default)
    {
        var changes = SettingsPatch.Parse(patch, [MaxContentName]);
        var named = changes.TryGetInt32(MaxContentName, 1, DocumentLimits.MaxContentLength, out var maxContent);
        if (changes.Errors.Count > 0)
        {
            return new SettingsChange(changes.Errors, []);
        }

        if (named)
        {
            var now = timeProvider.GetUtcNow();
            await ChangeAsync(
                state =>
                {
                    state.MaxContentCharacters = maxContent;
                    state.LimitsUpdatedAt = now;
                    state.LimitsUpdatedBy = actorId;
                },
                cancellationToken);
        }

        return new SettingsChange([], [.. changes.Names]);
    }

    private Task ChangeAsync(Action<PlatformSettingsState> change, CancellationToken cancellationToken) =>
        settings.ChangeAsync(change, state => state.Copy(), cancellationToken);

    private string PromptText(string id) =>
        State.Prompts.TryGetValue(id, out var changed) ? changed.Content : SystemPromptCatalog.All.First(prompt => prompt.Id == id).Default;

    private SystemPromptInfo? PromptOf(string id)
    {
        var prompt = SystemPromptCatalog.All.FirstOrDefault(candidate => candidate.Id == id);
        if (prompt.Id is null)
        {
            return null;
        }

        var changed = State.Prompts.GetValueOrDefault(id);
        return new SystemPromptInfo(id, prompt.Name, prompt.Description, changed?.Content ?? prompt.Default, changed is null, changed?.UpdatedAt, changed?.UpdatedBy);
    }
}
