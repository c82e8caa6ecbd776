using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Activation;

internal sealed partial class GrainRuntime
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "One-way call {Method} to {Target} failed")]
    private static partial void LogOneWayCallDropped(ILogger logger, Exception exception, string method, string? target);
}
