namespace Cluster.Grains.Chats.Models;

/// <summary>One chat model clients can select, under <c>Chat:Models:&lt;id&gt;</c> (the id is what clients send, such as <c>chat-model</c>).</summary>
public sealed class ChatModelOptions
{
    /// <summary>The model's id: its key in <c>Chat:Models</c>, set when the options are read.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The name the model picker shows. Required.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>A sentence on what the model is for.</summary>
    public string Description { get; set; } = string.Empty;

    /// <summary>Which provider answers. Default <see cref="ChatModelProviderKind.Local"/>.</summary>
    public ChatModelProviderKind Provider { get; set; } = ChatModelProviderKind.Local;

    /// <summary>The provider's name for the model (<c>gpt-5-mini</c>, a vLLM model path, an Azure deployment); required for OpenAI.</summary>
    public string? ProviderModel { get; set; }

    /// <summary>Whether the model reasons before answering and streams that reasoning. Default false.</summary>
    public bool Reasoning { get; set; }

    /// <summary>Names of the groups whose members may use the model, comma-separated; empty (the default) for everyone.</summary>
    public string AllowedGroups { get; set; } = string.Empty;

    /// <summary>The most tokens one answer may take, sent to the provider as <c>max_completion_tokens</c>. Default 4096; 16 to 200,000.</summary>
    public int MaxOutputTokens { get; set; } = 4096;

    /// <summary>The allowed groups as a list.</summary>
    public IReadOnlyList<string> AllowedGroupNames =>
        AllowedGroups.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
