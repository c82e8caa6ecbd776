using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Storage.Sqlite;

public sealed partial class SqliteGrainStorage
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Grain storage '{StorageName}' created directory {Directory}")]
    private static partial void LogDirectoryCreated(ILogger logger, string storageName, string directory);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Grain storage '{StorageName}' could not switch {FilePath} to WAL journaling (mode is {JournalMode}); reads will wait for writes")]
    private static partial void LogWalUnavailable(ILogger logger, string storageName, string filePath, string? journalMode);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Grain storage '{StorageName}' migrated {FilePath} from schema version {FromVersion} to {ToVersion}")]
    private static partial void LogSchemaMigrated(ILogger logger, string storageName, string filePath, int fromVersion, int toVersion);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Grain storage '{StorageName}' found {FilePath} at schema version {Version}")]
    private static partial void LogSchemaCurrent(ILogger logger, string storageName, string filePath, int version);
}
