using System.Text.Json;

namespace Cluster.Grains.Interfaces.Chats;

/// <summary>One message of a chat, in the AI SDK's UI message shape.</summary>
/// <param name="Id">The message id, unique within its chat (clients choose the ids of their own messages).</param>
/// <param name="Role"><c>user</c> or <c>assistant</c>.</param>
/// <param name="Parts">The message's parts, a JSON array as the AI SDK writes them (<c>text</c>, <c>reasoning</c>, <c>file</c>, …).</param>
/// <param name="Attachments">Attachments of earlier clients, a JSON array (empty for messages of this one).</param>
/// <param name="CreatedAt">When it was written, at millisecond precision.</param>
/// <param name="Status">Whether it is whole, or an answer cut short and why.</param>
public sealed record ChatMessageInfo(string Id, string Role, JsonElement Parts, JsonElement Attachments, DateTimeOffset CreatedAt, ChatMessageStatus Status);
