using System.Text.Json.Serialization;

namespace Cluster.ApiHost.Chats;

/// <summary>The answer of <c>POST /api/chat/{id}/stop</c>: whether an answer was being generated and is now stopped.</summary>
public sealed record StopResponse([property: JsonPropertyName("stopped")] bool Stopped);
