using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Membership;

internal sealed partial class MembershipService
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} joined the cluster")]
    private static partial void LogJoined(ILogger logger, SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} left the cluster")]
    private static partial void LogLeft(ILogger logger, SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Silo {Silo} was declared Dead by the cluster; stopping. A restart joins as a new generation")]
    private static partial void LogDeclaredDead(ILogger logger, SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Silo {Silo} has reached neither the membership table nor any other silo for {Seconds:F1} s; it may have been declared dead, so it stops as if it had been")]
    private static partial void LogIsolated(ILogger logger, SiloAddress silo, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing silo {Silo} as {Status} failed")]
    private static partial void LogStatusWriteFailed(ILogger logger, Exception exception, SiloAddress silo, SiloStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing IAmAlive failed; retrying next period")]
    private static partial void LogIAmAliveFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the membership table failed; retrying")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} defunct silo rows from the membership table")]
    private static partial void LogDefunctDeleted(ILogger logger, int count);
}
