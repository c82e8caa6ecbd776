using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Membership;

public sealed partial class PostgresMembershipTable
{
    [LoggerMessage(Level = LogLevel.Information,
        Message = "Membership migrated table {Table} from schema version {FromVersion} to {ToVersion}")]
    private static partial void LogSchemaMigrated(ILogger logger, string table, int fromVersion, int toVersion);

    [LoggerMessage(Level = LogLevel.Debug,
        Message = "Membership found table {Table} at schema version {Version}")]
    private static partial void LogSchemaCurrent(ILogger logger, string table, int version);

    // Refusals are how concurrent writers learn they lost, and the caller is told by the result, so Debug.
    [LoggerMessage(Level = LogLevel.Debug,
        Message = "{Operation} of silo {SiloAddress} in membership cluster '{ClusterId}' from table version {ExpectedVersion} was refused: {Reason}")]
    private static partial void LogChangeRefused(ILogger logger, string operation, SiloAddress siloAddress, string clusterId, int expectedVersion, string reason);
}
