namespace Cluster.Grains.Chats;

/// <summary>A chat holding a message id, and its owner.</summary>
public sealed record ChatMessageLocation(string ChatId, string OwnerId);
