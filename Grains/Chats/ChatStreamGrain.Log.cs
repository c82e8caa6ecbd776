using Microsoft.Extensions.Logging;

namespace Cluster.Grains.Chats;

public sealed partial class ChatStreamGrain
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {StreamId} was running when its silo stopped; its persisted part is kept as interrupted")]
    private static partial void LogInterrupted(ILogger logger, string streamId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream {StreamId} failed")]
    private static partial void LogGenerationFailed(ILogger logger, Exception exception, string streamId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {StreamId} could not record its answer in the chat (attempt {Attempt})")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, string streamId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {StreamId} could not persist its chunks")]
    private static partial void LogPersistFailed(ILogger logger, Exception exception, string streamId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat {ChatId} keeps its default title: titling failed")]
    private static partial void LogTitleFailed(ILogger logger, Exception exception, string chatId);
}
