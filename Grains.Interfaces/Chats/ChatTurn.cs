using System.Text.Json;

namespace Cluster.Grains.Interfaces.Chats;

/// <summary>A user's message to a chat, which the chat answers by starting a stream.</summary>
/// <param name="UserId">Who sends it; a new chat becomes theirs, an existing one must be.</param>
/// <param name="MessageId">The message's id, chosen by the client.</param>
/// <param name="Parts">The message's parts as a JSON array (already validated by the API host).</param>
/// <param name="ModelId">The chat model to answer with, such as <c>chat-model</c>.</param>
/// <param name="Visibility">The visibility a new chat gets; an existing chat keeps its own.</param>
public sealed record ChatTurn(string UserId, string MessageId, JsonElement Parts, string ModelId, ChatVisibility Visibility);
