namespace Cluster.Grains.Interfaces.Chats;

/// <summary>The tokens one answer took, as the model provider reported them (the chat's <c>lastContext</c>).</summary>
/// <param name="InputTokens">Tokens of the prompt, history included.</param>
/// <param name="OutputTokens">Tokens of the answer, reasoning included.</param>
/// <param name="ReasoningTokens">Of the output, the tokens spent reasoning (0 for models that do not reason).</param>
/// <param name="ModelId">The chat model that answered, such as <c>chat-model</c>.</param>
public sealed record ChatUsage(int InputTokens, int OutputTokens, int ReasoningTokens, string ModelId)
{
    /// <summary>Input and output together.</summary>
    public int TotalTokens => InputTokens + OutputTokens;
}
