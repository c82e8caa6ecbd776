using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Settings;

/// <summary>
/// The administrators' settings of the platform (one grain, key <see cref="Key"/>): the AI provider, the system prompts and
/// the document limits. Silos read it for every generation and API hosts for every document save, so a change holds
/// everywhere from the moment it is answered. Changes are JSON Merge Patches (RFC 7396) validated here.
/// </summary>
public interface IPlatformSettingsGrain : IGrainWithStringKey
{
    /// <summary>The one grain's key.</summary>
    const string Key = "all";

    /// <summary>The AI settings in effect, key masked.</summary>
    [AlwaysInterleave]
    Task<AiSettingsView> GetAiAsync(CancellationToken cancellationToken = default);

    /// <summary>What administrators set over the provider's configuration, key in clear: for the silos' model provider only.</summary>
    [AlwaysInterleave]
    Task<AiConnectionInfo> GetAiConnectionAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies a merge patch of <c>baseUrl</c>, <c>apiKey</c>, <c>azureApiVersion</c>, <c>titleModel</c> (null resets one to the
    /// configuration; the masked key sent back keeps the key).
    /// </summary>
    Task<SettingsChange> UpdateAiAsync(string patch, string actorId, CancellationToken cancellationToken = default);

    /// <summary>Asks the title model for a one-word answer, to check the provider's settings.</summary>
    [ReadOnly]
    Task<AiTestResult> TestAiAsync(CancellationToken cancellationToken = default);

    /// <summary>The prompts and title model a generation starting now uses.</summary>
    [AlwaysInterleave]
    Task<GenerationSettingsInfo> GetGenerationAsync(CancellationToken cancellationToken = default);

    /// <summary>Every system prompt, by id.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<SystemPromptInfo>> GetSystemPromptsAsync(CancellationToken cancellationToken = default);

    /// <summary>Sets a prompt's content (null restores the built-in one); null when there is no prompt <paramref name="id"/>.</summary>
    /// <exception cref="ArgumentException">The content is longer than allowed.</exception>
    Task<SystemPromptInfo?> UpdateSystemPromptAsync(string id, string? content, string actorId, CancellationToken cancellationToken = default);

    /// <summary>The document limits in effect.</summary>
    [AlwaysInterleave]
    Task<DocumentLimitsInfo> GetDocumentLimitsAsync(CancellationToken cancellationToken = default);

    /// <summary>Applies a merge patch of <c>maxContentCharacters</c> (null restores the default).</summary>
    Task<SettingsChange> UpdateDocumentLimitsAsync(string patch, string actorId, CancellationToken cancellationToken = default);
}
