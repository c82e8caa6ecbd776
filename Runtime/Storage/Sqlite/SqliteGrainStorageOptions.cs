using System.Text.Json;
using Cluster.Runtime.Storage.Internal;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Storage.Sqlite;

/// <summary>Options of <see cref="SqliteGrainStorage"/>, bound from <see cref="SectionName"/>.</summary>
public sealed class SqliteGrainStorageOptions
{
    /// <summary>The configuration section bound by <c>AddGrainStorageFromConfiguration</c>.</summary>
    public const string SectionName = GrainStorageConfiguration.SectionName + ":" + GrainStorageConfiguration.SqliteProvider;

    /// <summary>The default of <see cref="FilePath"/>.</summary>
    public const string DefaultFilePath = "./data/cluster.db";

    /// <summary>The default of <see cref="TableName"/>.</summary>
    public const string DefaultTableName = "grain_state";

    /// <summary>The default of <see cref="BusyTimeout"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The longest allowed <see cref="BusyTimeout"/>: 10 minutes.</summary>
    public static readonly TimeSpan MaxBusyTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The database file, absolute or relative to the process's working directory; its directory is created when
    /// missing. Default <c>./data/cluster.db</c>. In-memory databases are not accepted: use the memory provider.
    /// </summary>
    public string FilePath { get; set; } = DefaultFilePath;

    /// <summary>
    /// How long an operation waits for another connection's lock on the file before it fails with SQLITE_BUSY.
    /// From 1 millisecond to 10 minutes; default 30 seconds. In configuration, write it as <c>hh:mm:ss</c>.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = DefaultBusyTimeout;

    /// <summary>
    /// The table holding one row per grain type, grain key and state name. Default <c>grain_state</c>; 1 to 63
    /// lowercase letters a-z, digits or '_', starting with a letter or '_'.
    /// </summary>
    public string TableName { get; set; } = DefaultTableName;

    /// <summary>
    /// The JSON options state is serialized with; <c>null</c> (the default) means <see cref="JsonSerializerDefaults.Web"/>.
    /// Changing them for existing rows must keep the stored JSON readable (property naming in particular).
    /// </summary>
    public JsonSerializerOptions? JsonSerializerOptions { get; set; }
}

/// <summary>Validates <see cref="SqliteGrainStorageOptions"/> with messages that say what to set.</summary>
public sealed class SqliteGrainStorageOptionsValidator : IValidateOptions<SqliteGrainStorageOptions>
{
    private const string InMemoryDataSource = ":memory:";
    private const string UriPrefix = "file:";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SqliteGrainStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var storage = name ?? Options.DefaultName;
        var prefix = SqliteGrainStorageOptions.SectionName;
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.FilePath))
        {
            failures.Add($"{prefix}:FilePath is empty (grain storage '{storage}'); set it to a database file path such as '{SqliteGrainStorageOptions.DefaultFilePath}' (the default).");
        }
        else if (options.FilePath.Trim() == InMemoryDataSource || options.FilePath.StartsWith(UriPrefix, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{prefix}:FilePath '{options.FilePath}' is not a plain file path (grain storage '{storage}'); set a file path such as '{SqliteGrainStorageOptions.DefaultFilePath}'. In-memory databases are not shared between the provider's connections: use the Memory provider for tests.");
        }
        else if (!IsValidPath(options.FilePath))
        {
            failures.Add($"{prefix}:FilePath '{options.FilePath}' is not a valid file path (grain storage '{storage}'); set a path such as '{SqliteGrainStorageOptions.DefaultFilePath}'.");
        }

        if (options.BusyTimeout < TimeSpan.FromMilliseconds(1) || options.BusyTimeout > SqliteGrainStorageOptions.MaxBusyTimeout)
        {
            failures.Add($"{prefix}:BusyTimeout is {options.BusyTimeout} (grain storage '{storage}'); set it between 00:00:00.001 and 00:10:00, such as 00:00:30 (the default).");
        }

        if (!SqlIdentifier.IsValid(options.TableName))
        {
            failures.Add($"{prefix}:TableName '{options.TableName}' is not a safe SQL identifier (grain storage '{storage}'); set it to {SqlIdentifier.Rule}, such as '{SqliteGrainStorageOptions.DefaultTableName}' (the default).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsValidPath(string path)
    {
        try
        {
            var full = Path.GetFullPath(path);
            return !string.IsNullOrEmpty(Path.GetFileName(full)) && path.IndexOf('\0', StringComparison.Ordinal) < 0;
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return false;
        }
    }
}
