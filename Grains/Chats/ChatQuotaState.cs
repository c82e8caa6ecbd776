namespace Cluster.Grains.Chats;

/// <summary>When a user's recent chat messages were counted, oldest first; no more are kept than the largest limit asked.</summary>
public sealed class ChatQuotaState
{
    public List<DateTimeOffset> Taken { get; set; } = [];
}
