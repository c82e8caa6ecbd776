using System.Text.Json.Serialization;

namespace Cluster.ApiHost.Chats;

/// <summary>The answer of <c>PATCH /api/vote</c>: <c>voted</c>, or <c>feedback_submitted</c> for feedback alone.</summary>
public sealed record VotedResponse([property: JsonPropertyName("status")] string Status);
