using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Directory;

public sealed partial class PostgresGrainDirectory
{
    [LoggerMessage(Level = LogLevel.Information,
        Message = "Directory migrated table {Table} from schema version {FromVersion} to {ToVersion}")]
    private static partial void LogSchemaMigrated(ILogger logger, string table, int fromVersion, int toVersion);

    [LoggerMessage(Level = LogLevel.Debug,
        Message = "Directory found table {Table} at schema version {Version}")]
    private static partial void LogSchemaCurrent(ILogger logger, string table, int version);

    // Losing is how concurrent activations learn about the winner, and the caller is told by the result, so Debug.
    [LoggerMessage(Level = LogLevel.Debug,
        Message = "Registration of {Address} in directory cluster '{ClusterId}' lost to {Winner}")]
    private static partial void LogRegistrationLost(ILogger logger, GrainAddress address, GrainAddress winner, string clusterId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Directory entry {Previous} in cluster '{ClusterId}' was replaced by {Address}")]
    private static partial void LogReplaced(ILogger logger, GrainAddress previous, GrainAddress address, string clusterId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Directory removed {Count} entries of Dead silos {Silos} in cluster '{ClusterId}'")]
    private static partial void LogSilosPurged(ILogger logger, int count, string silos, string clusterId);
}
