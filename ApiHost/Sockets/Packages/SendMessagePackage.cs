using System.Text;
using System.Text.Json;
using Cluster.ApiHost.Chats;

namespace Cluster.ApiHost.Sockets.Packages;

/// <summary>
/// pkg_id 4: sends a message to a chat (creating it if new), as <c>POST /api/chat</c> does with the same body. The
/// answer says which stream generates the reply; then every chunk of the stream (the UI message stream parts of
/// chat-api.md §4.1, from <c>start</c> to <c>finish</c>) is pushed as the data of a message with this pkg_id and
/// req_id. The generation goes on in the silo whatever becomes of the connection.
/// </summary>
public sealed partial class SendMessagePackage(ChatSender sender, ChatStreamRelay relay, ILogger<SendMessagePackage> logger) : IPackageHandler
{
    public int PackageId => 4;

    public string Name => "chats.send";

    public string Description =>
        "Sends a message: data as the body of POST /api/chat ({id, message: {id, role: \"user\", parts}, selectedChatModel, selectedVisibilityType}); answers {chat_id, stream_id, message_id}, then pushes each stream part as data.";

    public IReadOnlyList<string> RequiredRoles => [];

    public string DataSchema => $$"""
        {
          "type": "object",
          "required": ["id", "message", "selectedChatModel"],
          "properties": {
            "id": { "type": "string", "format": "uuid" },
            "message": {
              "type": "object",
              "required": ["id", "role", "parts"],
              "properties": {
                "id": { "type": "string", "minLength": 1, "maxLength": {{ChatRequestValidation.MaxMessageIdLength}} },
                "role": { "const": "user" },
                "parts": { "type": "array", "minItems": 1, "maxItems": {{ChatRequestValidation.MaxParts}} }
              }
            },
            "selectedChatModel": { "type": "string", "minLength": 1 },
            "selectedVisibilityType": { "enum": ["private", "public"] }
          }
        }
        """;

    public async Task<PackageReply> HandleAsync(PackageCall call, CancellationToken cancellationToken)
    {
        var request = call.Request.Data.Deserialize<ChatPostRequest>(JsonSerializerOptions.Web);
        if (ChatRequestValidation.Problem(request) is { } problem)
        {
            return PackageReply.Invalid("bad_request:api", problem);
        }

        var started = await sender.StartAsync(request!, call.Caller, cancellationToken);
        if (started.Failure is { } failure)
        {
            return failure.Status == StatusCodes.Status403Forbidden
                ? PackageReply.Denied(PackageId)
                : PackageReply.Invalid(failure.Code, failure.Message);
        }

        var streamId = started.StreamId!;
        return PackageReply.Ok(new SentData(Guid.Parse(request!.Id!).ToString(), streamId, started.AssistantMessageId!)) with
        {
            Then = () => PushChunksAsync(call, streamId),
        };
    }

    private async Task PushChunksAsync(PackageCall call, string streamId)
    {
        var connection = call.Connection;
        var requestId = call.Request.RequestId;
        try
        {
            await relay.FollowAsync(streamId, (chunks, start, _) =>
            {
                for (var index = start; index < chunks.Count; index++)
                {
                    connection.Push(PackageId, requestId, Encoding.UTF8.GetBytes(chunks[index]));
                }

                return ValueTask.CompletedTask;
            }, connection.Closed);
        }
        catch (Exception exception)
        {
            // The client sees the stream stop; it can read the chat, or stream the rest with GET /api/chat/{id}/stream.
            LogFollowFailed(logger, streamId, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pushing the chunks of stream {StreamId} to a WebSocket failed")]
    private static partial void LogFollowFailed(ILogger logger, string streamId, Exception exception);

    private sealed record SentData(string ChatId, string StreamId, string MessageId);
}
