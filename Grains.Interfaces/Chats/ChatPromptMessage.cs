namespace Cluster.Grains.Interfaces.Chats;

/// <summary>One earlier message as the model reads it.</summary>
/// <param name="Role"><c>user</c> or <c>assistant</c>.</param>
/// <param name="Text">The message's text parts joined.</param>
public sealed record ChatPromptMessage(string Role, string Text);
