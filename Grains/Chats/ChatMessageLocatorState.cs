namespace Cluster.Grains.Chats;

/// <summary>The chats holding one message id, oldest first.</summary>
public sealed class ChatMessageLocatorState
{
    public List<ChatMessageLocation> Chats { get; set; } = [];
}
