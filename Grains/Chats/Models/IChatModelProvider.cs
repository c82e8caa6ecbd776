using Cluster.Grains.Interfaces.Chats;

namespace Cluster.Grains.Chats.Models;

/// <summary>A source of model answers (a local development model, an OpenAI-compatible server, …), used by the silos.</summary>
public interface IChatModelProvider
{
    /// <summary>Streams the answer of <paramref name="model"/> to <paramref name="conversation"/> (oldest message first).</summary>
    /// <exception cref="ModelProviderException">The provider failed or refused; its message can be shown to the user.</exception>
    IAsyncEnumerable<ModelStreamItem> StreamAsync(ChatModelOptions model, IReadOnlyList<ChatPromptMessage> conversation, CancellationToken cancellationToken);

    /// <summary>A short answer to <paramref name="prompt"/> as a whole (for titles).</summary>
    /// <exception cref="ModelProviderException">The provider failed or refused.</exception>
    Task<string> CompleteAsync(ChatModelOptions model, string instructions, string prompt, CancellationToken cancellationToken);
}
