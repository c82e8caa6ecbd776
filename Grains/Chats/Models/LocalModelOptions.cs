namespace Cluster.Grains.Chats.Models;

/// <summary>The local development model (<c>Chat:Local</c>), which answers with no external service so the embedded default works.</summary>
public sealed class LocalModelOptions
{
    /// <summary>How fast it streams, in words per second. Default 25; 1 to 10,000.</summary>
    public int WordsPerSecond { get; set; } = 25;

    /// <summary>How many words an answer has. Default 60; 1 to 100,000.</summary>
    public int ReplyWords { get; set; } = 60;
}
