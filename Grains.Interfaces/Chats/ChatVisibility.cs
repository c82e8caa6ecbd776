namespace Cluster.Grains.Interfaces.Chats;

/// <summary>Who may read a chat: its owner only, or anyone with its link.</summary>
public enum ChatVisibility
{
    /// <summary>Only the owner.</summary>
    Private,

    /// <summary>Anyone, signed in or not; only the owner changes it.</summary>
    Public,
}
