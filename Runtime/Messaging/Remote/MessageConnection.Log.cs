using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Messaging.Remote;

internal sealed partial class MessageConnection
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "A response to {Remote} could not be sent; its caller will time out")]
    private static partial void LogResponseLost(ILogger logger, Exception exception, string remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "One-way call {Method} to {Remote} could not be sent")]
    private static partial void LogOneWayNotSent(ILogger logger, Exception exception, string method, string remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Nothing was heard from {Remote} for {Silence}; closing the connection as dead")]
    private static partial void LogPeerSilent(ILogger logger, string remote, TimeSpan silence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A one-way call from {Remote} was refused")]
    private static partial void LogOneWayRefused(ILogger logger, Exception exception, string remote);
}
