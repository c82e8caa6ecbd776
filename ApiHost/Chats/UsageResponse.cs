using System.Text.Json.Serialization;
using Cluster.Grains.Interfaces.Chats;

namespace Cluster.ApiHost.Chats;

/// <summary>A chat's <c>lastContext</c>: the tokens of its latest answer.</summary>
public sealed record UsageResponse(
    [property: JsonPropertyName("inputTokens")] int InputTokens,
    [property: JsonPropertyName("outputTokens")] int OutputTokens,
    [property: JsonPropertyName("reasoningTokens")] int ReasoningTokens,
    [property: JsonPropertyName("totalTokens")] int TotalTokens,
    [property: JsonPropertyName("modelId")] string ModelId)
{
    public static UsageResponse? From(ChatUsage? usage) =>
        usage is null ? null : new(usage.InputTokens, usage.OutputTokens, usage.ReasoningTokens, usage.TotalTokens, usage.ModelId);
}
