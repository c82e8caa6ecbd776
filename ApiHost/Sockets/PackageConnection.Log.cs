namespace Cluster.ApiHost.Sockets;

internal sealed partial class PackageConnection
{
    [LoggerMessage(Level = LogLevel.Error, Message = "A WebSocket connection failed")]
    private static partial void LogConnectionFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Package {PackageId} failed")]
    private static partial void LogPackageFailed(ILogger logger, int packageId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A WebSocket client left more than {MaxQueuedFrames} frames or {MaxQueuedBytes} bytes unread; its connection was dropped")]
    private static partial void LogClientTooSlow(ILogger logger, int maxQueuedFrames, long maxQueuedBytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking a WebSocket connection's session failed; it stays open until the next check")]
    private static partial void LogSessionCheckFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Renewing or ending a WebSocket connection's lease failed")]
    private static partial void LogLeaseFailed(ILogger logger, Exception exception);
}
