using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Membership;

public sealed partial class PostgresMembershipWatcher
{
    [LoggerMessage(Level = LogLevel.Debug,
        Message = "Membership watcher of cluster '{ClusterId}' is listening on channel {Channel}")]
    private static partial void LogListening(ILogger logger, string clusterId, string channel);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Membership watcher of cluster '{ClusterId}' is listening on channel {Channel} again; changes made meanwhile are read from the table")]
    private static partial void LogListeningAgain(ILogger logger, string clusterId, string channel);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Membership watcher of cluster '{ClusterId}' lost or could not open its PostgreSQL connection; retrying in {Delay}")]
    private static partial void LogListenFailed(ILogger logger, Exception exception, string clusterId, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "A handler of membership changes of cluster '{ClusterId}' threw on a {Reason} signal; the other handlers still ran")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string clusterId, MembershipChangeReason reason);

    // Another program may notify on the channel; its payloads are ignored.
    [LoggerMessage(Level = LogLevel.Debug,
        Message = "Ignored a notification on channel {Channel} with payload '{Payload}', which is not 'clusterId:version'")]
    private static partial void LogMalformedNotification(ILogger logger, string payload, string channel);
}
