namespace Cluster.Grains.Interfaces.Chats;

/// <summary>Bounds of chats, shared by the API host's validation and the grains.</summary>
public static class ChatLimits
{
    /// <summary>The longest title, in characters.</summary>
    public const int MaxTitleLength = 80;

    /// <summary>The title of a chat whose first message gave none.</summary>
    public const string DefaultTitle = "New Chat";

    /// <summary>The most messages a chat holds; a longer conversation starts a new chat.</summary>
    public const int MaxMessages = 1000;

    /// <summary>The largest message, as the JSON of its parts, in bytes.</summary>
    public const int MaxMessageBytes = 256 * 1024;

    /// <summary>The longest answer generated, in characters; the model is stopped there.</summary>
    public const int MaxAnswerCharacters = 100_000;

    /// <summary>The chunks of a stream stored together once complete (see <see cref="IChatStreamPageGrain"/>).</summary>
    public const int StreamPageSize = 256;

    /// <summary>How long after an answer ended a resumed stream still gets it (as <c>data-appendMessage</c>).</summary>
    public static readonly TimeSpan RecentAnswerWindow = TimeSpan.FromSeconds(15);
}
