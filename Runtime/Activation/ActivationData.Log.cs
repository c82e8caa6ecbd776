using Cluster.Runtime.Core;
using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Activation;

internal sealed partial class ActivationData
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "One-way call {Method} to {GrainId} failed")]
    private static partial void LogOneWayCallFailed(ILogger logger, Exception exception, string method, GrainId grainId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A callback posted to the activation of {GrainId} threw")]
    private static partial void LogContinuationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activation of {GrainId} failed; {PendingCalls} pending calls get the error")]
    private static partial void LogActivationFailed(ILogger logger, Exception exception, GrainId grainId, int pendingCalls);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OnDeactivateAsync of {GrainId} failed (reason {Reason})")]
    private static partial void LogDeactivationFailed(ILogger logger, Exception exception, GrainId grainId, DeactivationReason reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OnDeactivateAsync of {GrainId} did not finish within {Timeout}; the activation is removed anyway")]
    private static partial void LogDeactivationTimedOut(ILogger logger, GrainId grainId, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Error, Message = "A state write of {GrainId} started before its deactivation timed out was still running {Timeout} later; the activation is removed anyway, and the grain's next activation may meet a stale ETag")]
    private static partial void LogStateWriteOutlivedDeactivation(ILogger logger, GrainId grainId, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A callback registered on a timer token of {GrainId} threw while the timer stopped")]
    private static partial void LogTimerStopFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deactivating {GrainId}: {Reason}")]
    private static partial void LogDeactivating(ILogger logger, GrainId grainId, DeactivationReason reason);
}
