namespace Cluster.Grains.Interfaces.Settings;

/// <summary>An editable system prompt.</summary>
/// <param name="Id">Its id: <c>chat</c> (sent before every conversation; empty sends none) or <c>title</c> (instructions for titling new chats).</param>
/// <param name="Name">A display name.</param>
/// <param name="Description">Where it is used.</param>
/// <param name="Content">The prompt in effect.</param>
/// <param name="IsDefault">Whether it is the built-in text (never changed, or reset).</param>
/// <param name="UpdatedAt">When it was last changed; null if never.</param>
/// <param name="UpdatedBy">Who changed it (a user id).</param>
public sealed record SystemPromptInfo(string Id, string Name, string Description, string Content, bool IsDefault, DateTimeOffset? UpdatedAt, string? UpdatedBy)
{
    /// <summary>The longest prompt, in characters.</summary>
    public const int MaxContentLength = 20_000;
}
