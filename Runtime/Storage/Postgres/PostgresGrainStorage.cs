using Cluster.Runtime.Core;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Storage.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cluster.Runtime.Storage.Postgres;

/// <summary>
/// Grain storage in a PostgreSQL table: one row per grain type, grain key and state name, the state as
/// <c>jsonb</c> (so operators can query it) and an integer version as ETag. Stale writes and clears throw
/// <see cref="InconsistentStateException"/> and change nothing; clears leave a tombstone so versions never repeat.
/// Owns one <see cref="NpgsqlDataSource"/> (a connection pool), disposed with the provider.
/// </summary>
public sealed partial class PostgresGrainStorage : IGrainStorage, IGrainStorageInitializer, IGrainStateQuery, IAsyncDisposable, IDisposable
{
    private const string ApplicationName = "Cluster grain storage";
    private const string RequiredEncoding = "UTF8";

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresStateTable _table;
    private readonly PostgresStateList _list;
    private readonly VersionedStateStorage _storage;
    private readonly AsyncOnce _initialization;
    private readonly PostgresGrainStorageOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the provider; no connection is opened until <see cref="InitializeAsync"/> or the first operation.</summary>
    /// <param name="name">The provider's registered name, used in messages.</param>
    /// <param name="options">The provider's options.</param>
    /// <param name="logger">The logger; <c>null</c> for none.</param>
    /// <exception cref="OptionsValidationException">The options are invalid; the message says what to set.</exception>
    public PostgresGrainStorage(string name, PostgresGrainStorageOptions options, ILogger<PostgresGrainStorage>? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(options);
        OptionsGuard.ThrowIfInvalid(new PostgresGrainStorageOptionsValidator(), name, options);

        _options = options;
        _logger = logger ?? NullLogger<PostgresGrainStorage>.Instance;
        _dataSource = PostgresSettingsValidation.BuildDataSource(options.ConnectionString, ApplicationName);
        _table = new PostgresStateTable(_dataSource, options.Schema, options.TableName);
        _list = new PostgresStateList(_dataSource, _table.QualifiedName, options.TableName);
        _storage = new VersionedStateStorage(name, _table, StateJson.OrDefault(options.JsonSerializerOptions), _logger);
        _initialization = new AsyncOnce(InitializeSchemaAsync);
    }

    /// <summary>The provider's registered name.</summary>
    public string Name => _storage.StorageName;

    /// <summary>
    /// Creates or upgrades the table, idempotently and safely when several silos start at once. Operations call it
    /// themselves when the silo has not, so a provider used directly also works.
    /// </summary>
    /// <exception cref="InvalidOperationException">The database does not use UTF8, or its schema is newer than this build.</exception>
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
        try
        {
            await EnsureInitializedAsync(cancellationToken);
            await _storage.ReadStateAsync(stateName, grainId, grainState, cancellationToken);
        }
        catch (NpgsqlException exception)
        {
            throw Unavailable("read", stateName, grainId, exception);
        }
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
    {
        try
        {
            await EnsureInitializedAsync(cancellationToken);
            await _storage.WriteStateAsync(stateName, grainId, grainState, cancellationToken);
        }
        catch (NpgsqlException exception)
        {
            throw Unavailable("write", stateName, grainId, exception);
        }
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
    {
        try
        {
            await EnsureInitializedAsync(cancellationToken);
            await _storage.ClearStateAsync(stateName, grainId, grainState, cancellationToken);
        }
        catch (NpgsqlException exception)
        {
            throw Unavailable("clear", stateName, grainId, exception);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        _initialization.Dispose();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _dataSource.Dispose();
        _initialization.Dispose();
    }

    private GrainStorageException Unavailable(string operation, string stateName, GrainId grainId, NpgsqlException exception) =>
        new($"Grain storage '{Name}' could not {operation} state '{stateName}' of grain {grainId}: {exception.Message}. Check that PostgreSQL is reachable and accepts this role; the call can be retried once it is.", exception);

    private Task EnsureInitializedAsync(CancellationToken cancellationToken) =>
        _initialization.IsDone ? Task.CompletedTask : _initialization.RunAsync(cancellationToken);

    private async Task InitializeSchemaAsync(CancellationToken cancellationToken)
    {
        await CheckEncodingAsync(cancellationToken);
        var component = StorageSchema.Component(_options.TableName);
        var (from, to) = await PostgresSchemaMigrator.MigrateAsync(_dataSource, _options.Schema, component, _table.Migrations, cancellationToken);
        if (from == to)
        {
            LogSchemaCurrent(_logger, Name, _table.QualifiedName, to);
        }
        else
        {
            LogSchemaMigrated(_logger, Name, _table.QualifiedName, from, to);
        }
    }

    private async Task CheckEncodingAsync(CancellationToken cancellationToken)
    {
        // jsonb turns the \u escapes System.Text.Json writes into characters, which only a UTF8 database can hold.
        await using var command = _dataSource.CreateCommand("SHOW server_encoding");
        var encoding = await command.ExecuteScalarAsync(cancellationToken) as string;
        if (!string.Equals(encoding, RequiredEncoding, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Grain storage '{Name}' needs a PostgreSQL database with encoding UTF8, but the configured database uses {encoding}; "
                + "create it with CREATE DATABASE ... ENCODING 'UTF8' TEMPLATE template0.");
        }
    }
}
