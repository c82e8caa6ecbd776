using Cluster.Runtime.Core;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Storage.Internal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Storage.Sqlite;

/// <summary>
/// Grain storage in a SQLite file, the embedded default: nothing to install. Same table shape and semantics as
/// the PostgreSQL provider (JSON text payload, integer-version ETags, tombstones on clear, stale writes throw
/// <see cref="InconsistentStateException"/>). The file uses WAL journaling so reads do not wait for writes.
/// Meant for one silo process; several processes on one file are safe but contend for its single write lock.
/// </summary>
public sealed partial class SqliteGrainStorage : IGrainStorage, IGrainStorageInitializer, IGrainStateQuery, IDisposable
{
    private const string WalJournalMode = "wal";

    private readonly string _connectionString;
    private readonly string _filePath;
    private readonly SqliteStateTable _table;
    private readonly SqliteStateList _list;
    private readonly VersionedStateStorage _storage;
    private readonly AsyncOnce _initialization;
    private readonly SqliteGrainStorageOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the provider; the file is created by <see cref="InitializeAsync"/> or the first operation.</summary>
    /// <param name="name">The provider's registered name, used in messages.</param>
    /// <param name="options">The provider's options; <c>null</c> for the defaults.</param>
    /// <param name="logger">The logger; <c>null</c> for none.</param>
    /// <exception cref="OptionsValidationException">The options are invalid; the message says what to set.</exception>
    public SqliteGrainStorage(string name, SqliteGrainStorageOptions? options = null, ILogger<SqliteGrainStorage>? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        options ??= new SqliteGrainStorageOptions();
        OptionsGuard.ThrowIfInvalid(new SqliteGrainStorageOptionsValidator(), name, options);

        _options = options;
        _logger = logger ?? NullLogger<SqliteGrainStorage>.Instance;
        _filePath = Path.GetFullPath(options.FilePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _filePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        _table = new SqliteStateTable(_connectionString, options.BusyTimeout, options.TableName);
        _list = new SqliteStateList(_table, options.TableName);
        _storage = new VersionedStateStorage(name, _table, StateJson.OrDefault(options.JsonSerializerOptions), _logger);
        _initialization = new AsyncOnce(InitializeFileAsync);
    }

    /// <summary>The provider's registered name.</summary>
    public string Name => _storage.StorageName;

    /// <summary>The database file's full path.</summary>
    public string FilePath => _filePath;

    /// <summary>
    /// Creates the directory and the file, switches it to WAL journaling, and creates or upgrades the table;
    /// idempotent. Operations call it themselves when the silo has not.
    /// </summary>
    /// <exception cref="InvalidOperationException">The file's schema is newer than this build.</exception>
    public Task InitializeAsync(CancellationToken cancellationToken) => _initialization.RunAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredGrainState>> ListAsync(StateListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await InitializeAsync(cancellationToken);
        return await _list.ListAsync(query, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(StateListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await InitializeAsync(cancellationToken);
        return await _list.CountAsync(query, cancellationToken);
    }

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken);
        await _storage.ReadStateAsync(stateName, grainId, grainState, cancellationToken);
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken);
        await _storage.WriteStateAsync(stateName, grainId, grainState, cancellationToken);
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken);
        await _storage.ClearStateAsync(stateName, grainId, grainState, cancellationToken);
    }

    /// <summary>Closes the pooled connections to the file, so it can be moved or deleted.</summary>
    public void Dispose()
    {
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _table.Dispose();
        _initialization.Dispose();
    }

    private Task EnsureInitializedAsync(CancellationToken cancellationToken) =>
        _initialization.IsDone ? Task.CompletedTask : _initialization.RunAsync(cancellationToken);

    private async Task InitializeFileAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(_filePath);
        if (!string.IsNullOrEmpty(directory) && !System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.CreateDirectory(directory);
            LogDirectoryCreated(_logger, Name, directory);
        }

        await using var connection = await _table.OpenAsync(cancellationToken);
        await using (var journal = connection.CreateCommand())
        {
            // WAL is a property of the file, kept across connections and restarts, so setting it once is enough.
            journal.CommandText = "PRAGMA journal_mode = WAL";
            var mode = await journal.ExecuteScalarAsync(cancellationToken) as string;
            if (!string.Equals(mode, WalJournalMode, StringComparison.OrdinalIgnoreCase))
            {
                LogWalUnavailable(_logger, Name, _filePath, mode);
            }
        }

        var component = StorageSchema.Component(_options.TableName);
        var (from, to) = await SqliteSchemaMigrator.MigrateAsync(connection, component, _table.Migrations, cancellationToken);
        if (from == to)
        {
            LogSchemaCurrent(_logger, Name, _filePath, to);
        }
        else
        {
            LogSchemaMigrated(_logger, Name, _filePath, from, to);
        }
    }
}
