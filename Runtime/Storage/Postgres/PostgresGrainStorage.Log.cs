using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Storage.Postgres;

public sealed partial class PostgresGrainStorage
{
    [LoggerMessage(Level = LogLevel.Information,
        Message = "Grain storage '{StorageName}' migrated table {Table} from schema version {FromVersion} to {ToVersion}")]
    private static partial void LogSchemaMigrated(ILogger logger, string storageName, string table, int fromVersion, int toVersion);

    [LoggerMessage(Level = LogLevel.Debug,
        Message = "Grain storage '{StorageName}' found table {Table} at schema version {Version}")]
    private static partial void LogSchemaCurrent(ILogger logger, string storageName, string table, int version);
}
