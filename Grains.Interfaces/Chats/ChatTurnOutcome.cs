namespace Cluster.Grains.Interfaces.Chats;

/// <summary>Whether a chat took a message.</summary>
public enum ChatTurnOutcome
{
    /// <summary>The message was stored and an answer is being generated.</summary>
    Started,

    /// <summary>The chat belongs to another user.</summary>
    Forbidden,

    /// <summary>The chat holds <see cref="ChatLimits.MaxMessages"/> messages already.</summary>
    Full,
}
