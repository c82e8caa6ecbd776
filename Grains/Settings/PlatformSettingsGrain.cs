using System.Diagnostics;
using System.Text.RegularExpressions;
using Cluster.Grains.Chats.Models;
using Cluster.Grains.Interfaces.Documents;
using Cluster.Grains.Interfaces.Plugins;
using Cluster.Grains.Interfaces.Settings;
using Cluster.Grains.Persistence;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Settings;

[GrainType("platform-settings")]
public sealed partial class PlatformSettingsGrain(
    [PersistentState(PlatformSettingsGrain.StateName)] IPersistentState<PlatformSettingsState> settings,
    IOptionsMonitor<ChatOptions> chatOptions,
    ChatModelRouter models,
    TimeProvider timeProvider) : Grain, IPlatformSettingsGrain
{
    public const string StateName = "platform-settings";

    private const string BaseUrlName = "baseUrl";
    private const string ApiKeyName = "apiKey";
    private const string AzureApiVersionName = "azureApiVersion";
    private const string TitleModelName = "titleModel";
    private const string MaxContentName = "maxContentCharacters";
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(20);

    private PlatformSettingsState State => settings.State;

    public Task<AiSettingsView> GetAiAsync(CancellationToken cancellationToken = default)
    {
        var configured = chatOptions.CurrentValue;
        var ai = State.Ai;
        var effective = AiConnection.Apply(configured.OpenAI, ai);
        var overridden = new[] { (BaseUrlName, ai.BaseUrl), (ApiKeyName, ai.ApiKey), (AzureApiVersionName, ai.AzureApiVersion), (TitleModelName, ai.TitleModel) }
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
        var changes = SettingsPatch.Parse(patch, [BaseUrlName, ApiKeyName, AzureApiVersionName, TitleModelName]);
        var next = State.Ai;
        if (changes.TryGetString(BaseUrlName, out var baseUrl))
        {
            if (baseUrl is not null && !ServiceUrls.TryNormalize(baseUrl, out _))
            {
                changes.Errors.Add($"'{BaseUrlName}' must be an absolute http or https URL with no query or user info, such as https://api.openai.com/v1.");
            }

            next = next with { BaseUrl = baseUrl?.TrimEnd('/') };
        }

        if (changes.TryGetString(ApiKeyName, out var apiKey) && apiKey != SettingsMasks.Secret)
        {
            if (apiKey is not null && (apiKey.Length is 0 or > 1000 || apiKey.Any(char.IsControl)))
            {
                changes.Errors.Add($"'{ApiKeyName}' must have 1 to 1000 characters and no control characters.");
            }

            next = next with { ApiKey = apiKey };
        }

        if (changes.TryGetString(AzureApiVersionName, out var version))
        {
            if (version is not null && !AzureApiVersion().IsMatch(version))
            {
                changes.Errors.Add($"'{AzureApiVersionName}' must look like 2024-10-21 or 2025-01-01-preview.");
            }

            next = next with { AzureApiVersion = version };
        }

        if (changes.TryGetString(TitleModelName, out var titleModel))
        {
            if (titleModel is not null && models.Find(titleModel) is null)
            {
                changes.Errors.Add($"'{TitleModelName}' must be a configured model: {string.Join(", ", chatOptions.CurrentValue.Models.Keys.Order(StringComparer.Ordinal))}.");
            }

            next = next with { TitleModel = titleModel };
        }

        if (changes.Errors.Count > 0)
        {
            return new SettingsChange(changes.Errors, []);
        }

        var changed = changes.Names.Where(name => name != ApiKeyName || apiKey != SettingsMasks.Secret).ToList();
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

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(-preview)?$", RegexOptions.CultureInvariant)]
    private static partial Regex AzureApiVersion();
}
