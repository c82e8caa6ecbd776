namespace Cluster.Grains.Interfaces.Chats;

/// <summary>Where a stream's answer stands.</summary>
public enum ChatStreamStatus
{
    /// <summary>Not started yet.</summary>
    Pending,

    /// <summary>Being generated.</summary>
    Running,

    /// <summary>The model finished the answer.</summary>
    Completed,

    /// <summary>The user stopped it.</summary>
    Stopped,

    /// <summary>The silo generating it stopped or died; what was persisted is kept.</summary>
    Interrupted,

    /// <summary>The model provider failed.</summary>
    Failed,
}
