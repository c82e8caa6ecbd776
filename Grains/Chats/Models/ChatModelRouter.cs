using Microsoft.Extensions.Options;

namespace Cluster.Grains.Chats.Models;

/// <summary>Finds a configured chat model and the provider that serves it.</summary>
public sealed class ChatModelRouter(IOptionsMonitor<ChatOptions> options, LocalDevelopmentModel local, OpenAiCompatibleModel openAi)
{
    /// <summary>The model <paramref name="modelId"/> and its provider, or null when no such model is configured.</summary>
    public (ChatModelOptions Model, IChatModelProvider Provider)? Find(string modelId) =>
        options.CurrentValue.Models.TryGetValue(modelId, out var model) ? (model, ProviderOf(model)) : null;

    /// <summary>The model that titles new chats.</summary>
    public (ChatModelOptions Model, IChatModelProvider Provider) TitleModel =>
        Find(options.CurrentValue.TitleModel) ?? throw new InvalidOperationException($"{ChatOptions.SectionName}:{nameof(ChatOptions.TitleModel)} names no configured model.");

    private IChatModelProvider ProviderOf(ChatModelOptions model) => model.Provider switch
    {
        ChatModelProviderKind.OpenAI => openAi,
        _ => local,
    };
}
