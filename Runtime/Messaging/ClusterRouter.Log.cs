using Cluster.Runtime.Core;
using Cluster.Runtime.Membership;
using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Messaging;

internal sealed partial class ClusterRouter
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Grain} is already active on silo {Winner}; this silo's activation forwards its calls there")]
    private static partial void LogRegistrationLost(ILogger logger, GrainId grain, SiloAddress winner);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing the directory entry of {Grain} failed; it is replaced when found stale")]
    private static partial void LogUnregisterFailed(ILogger logger, Exception exception, GrainId grain);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} directory entries of dead silos {Silos}")]
    private static partial void LogPurged(ILogger logger, int count, string silos);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying a membership change failed; retrying on the next one")]
    private static partial void LogMembershipApplyFailed(ILogger logger, Exception exception);
}
