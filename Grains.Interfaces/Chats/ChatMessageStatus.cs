namespace Cluster.Grains.Interfaces.Chats;

/// <summary>How a message came to be as it is stored.</summary>
public enum ChatMessageStatus
{
    /// <summary>Written whole: every user message, and an answer the model finished.</summary>
    Complete,

    /// <summary>An answer the user stopped; what was generated until then is kept.</summary>
    Stopped,

    /// <summary>An answer cut short because the silo generating it stopped or died; the part persisted is kept.</summary>
    Interrupted,

    /// <summary>An answer the model provider failed to give; the part received is kept.</summary>
    Failed,
}
