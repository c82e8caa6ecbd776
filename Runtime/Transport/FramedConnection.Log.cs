using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Transport;

internal sealed partial class FramedConnection
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection to {Remote} closed")]
    private static partial void LogClosed(ILogger logger, string remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection to {Remote} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string remote);
}
