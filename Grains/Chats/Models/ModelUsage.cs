namespace Cluster.Grains.Chats.Models;

/// <summary>The tokens of one model call, as its provider counted them.</summary>
public sealed record ModelUsage(int InputTokens, int OutputTokens, int ReasoningTokens);
