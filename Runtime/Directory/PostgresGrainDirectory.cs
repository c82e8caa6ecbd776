using System.Collections.Concurrent;
using Cluster.Runtime.Core;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Storage.Internal;
using Cluster.Runtime.Storage.Postgres;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cluster.Runtime.Directory;

/// <summary>
/// The grain directory in PostgreSQL: one row per registered grain in the table named in <see cref="DirectorySchema"/>,
/// keyed by cluster, grain type and key, so the primary key itself makes registration first-writer-wins. Every
/// operation is one statement (two for a compare-and-swap that loses), prepared. Owns one
/// <see cref="NpgsqlDataSource"/> (a connection pool), disposed with the directory.
/// </summary>
public sealed partial class PostgresGrainDirectory : IGrainDirectory, IAsyncDisposable, IDisposable
{
    private const string ApplicationName = "Cluster directory";

    // Each operation is one short statement: a few connections serve thousands of lookups a second.
    private const int DefaultMaxPoolSize = 20;

    // A registration returns no row only when the winner it collided with was unregistered, or committed after the
    // statement's snapshot; each retry starts a fresh snapshot, so more than a few in a row means the grain is being
    // registered and unregistered in a tight loop, which is a bug worth an exception rather than a spin.
    private const int MaxRegisterAttempts = 8;

    private readonly NpgsqlDataSource _dataSource;
    private readonly DirectoryStatements _sql;
    private readonly AsyncOnce _initialization;
    private readonly PostgresGrainDirectoryOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<GrainId, Task<GrainAddress?>> _lookups = new();

    /// <summary>Creates the directory; no connection is opened until <see cref="InitializeAsync"/> or the first operation.</summary>
    /// <param name="options">The options.</param>
    /// <param name="logger">The logger; <c>null</c> for none.</param>
    /// <exception cref="OptionsValidationException">The options are invalid; the message says what to set.</exception>
    public PostgresGrainDirectory(PostgresGrainDirectoryOptions options, ILogger<PostgresGrainDirectory>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionsGuard.ThrowIfInvalid(new PostgresGrainDirectoryOptionsValidator(), null, options);

        _options = options;
        _logger = logger ?? NullLogger<PostgresGrainDirectory>.Instance;
        _dataSource = PostgresSettingsValidation.BuildDataSource(options.ConnectionString, ApplicationName, DefaultMaxPoolSize);
        _sql = new DirectoryStatements(options.Schema);
        _initialization = new AsyncOnce(InitializeSchemaAsync);
    }

    /// <summary>The directory of the cluster that <paramref name="membership"/> names: same database, schema and cluster id.</summary>
    /// <param name="membership">The cluster's membership options.</param>
    /// <param name="logger">The logger; <c>null</c> for none.</param>
    public static PostgresGrainDirectory ForMembership(PostgresMembershipOptions membership, ILogger<PostgresGrainDirectory>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(membership);
        return new PostgresGrainDirectory(
            new PostgresGrainDirectoryOptions { ConnectionString = membership.ConnectionString, ClusterId = membership.ClusterId, Schema = membership.Schema },
            logger);
    }

    /// <summary>The cluster whose entries this directory reads and writes.</summary>
    public string ClusterId => _options.ClusterId;

    /// <summary>Creates or upgrades the table when needed; safe to call from several silos at once. Operations call it themselves.</summary>
    /// <param name="cancellationToken">Cancels the initialization; the next call tries again.</param>
    public Task InitializeAsync(CancellationToken cancellationToken) => _initialization.RunAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<GrainAddress> RegisterAsync(GrainAddress address, GrainAddress? previousAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (previousAddress is not null && previousAddress.GrainId != address.GrainId)
        {
            throw new ArgumentException(
                $"The previous address is of grain {previousAddress.GrainId}, not {address.GrainId}; pass the stale entry of the grain being registered.",
                nameof(previousAddress));
        }

        await EnsureInitializedAsync(cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        if (previousAddress is not null)
        {
            await using var replace = Command(connection, _sql.Replace, address.GrainId);
            DirectoryRows.AddEntry(replace, address);
            replace.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = previousAddress.ActivationId });
            if (await ReadOneAsync(replace, cancellationToken) is { } replaced)
            {
                LogReplaced(_logger, previousAddress, address, ClusterId);
                return replaced;
            }
        }

        // Without a previous address, or when the stale entry is gone or was already replaced: first writer wins.
        for (var attempt = 1; attempt <= MaxRegisterAttempts; attempt++)
        {
            await using var register = Command(connection, _sql.Register, address.GrainId);
            DirectoryRows.AddEntry(register, address);
            if (await ReadOneAsync(register, cancellationToken) is { } registered)
            {
                if (registered != address)
                {
                    LogRegistrationLost(_logger, address, registered, ClusterId);
                }

                return registered;
            }
        }

        throw new InvalidOperationException(
            $"Registering {address} in directory cluster '{ClusterId}' collided {MaxRegisterAttempts} times with an entry that vanished before it could be read; "
            + "the grain is being registered and unregistered in a tight loop. Look for an activation that deactivates as soon as it starts.");
    }

    /// <inheritdoc />
    /// <remarks>
    /// Concurrent lookups of one grain (a burst of first calls, or of calls that found a stale cache entry) share one
    /// query; a caller's token ends only its own wait.
    /// </remarks>
    public Task<GrainAddress?> LookupAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        ThrowIfDefault(grainId, nameof(grainId));
        var lookup = new TaskCompletionSource<GrainAddress?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var shared = _lookups.GetOrAdd(grainId, lookup.Task);
        if (shared == lookup.Task)
        {
            _ = LookupSharedAsync(grainId, lookup);
        }

        return shared.WaitAsync(cancellationToken);
    }

    private async Task LookupSharedAsync(GrainId grainId, TaskCompletionSource<GrainAddress?> lookup)
    {
        try
        {
            await EnsureInitializedAsync(CancellationToken.None);
            await using var connection = await _dataSource.OpenConnectionAsync(CancellationToken.None);
            await using var command = Command(connection, _sql.Lookup, grainId);
            var found = await ReadOneAsync(command, CancellationToken.None);

            // Removed before the waiters resume, so a lookup they start next reads the table again.
            _lookups.TryRemove(KeyValuePair.Create(grainId, lookup.Task));
            lookup.SetResult(found);
        }
        catch (Exception exception)
        {
            _lookups.TryRemove(KeyValuePair.Create(grainId, lookup.Task));
            lookup.SetException(exception);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<GrainId, GrainAddress>> LookupManyAsync(IReadOnlyCollection<GrainId> grainIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainIds);
        var found = new Dictionary<GrainId, GrainAddress>(grainIds.Count);
        if (grainIds.Count == 0)
        {
            return found;
        }

        var types = new string[grainIds.Count];
        var keys = new string[grainIds.Count];
        var index = 0;
        foreach (var grainId in grainIds)
        {
            ThrowIfDefault(grainId, nameof(grainIds));
            types[index] = grainId.Type;
            keys[index++] = grainId.Key;
        }

        await EnsureInitializedAsync(cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(_sql.LookupMany, connection);
        command.Parameters.Add(DirectoryRows.Text(ClusterId));
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = types });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = keys });
        await command.PrepareAsync(cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var address = DirectoryRows.Read(reader);
            found[address.GrainId] = address;
        }

        return found;
    }

    /// <inheritdoc />
    public async Task<bool> UnregisterAsync(GrainAddress address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        await EnsureInitializedAsync(cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, _sql.Unregister, address.GrainId);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = address.ActivationId });
        await command.PrepareAsync(cancellationToken);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task<int> UnregisterSilosAsync(IReadOnlyCollection<SiloAddress> deadSilos, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadSilos);
        if (deadSilos.Count == 0)
        {
            return 0;
        }

        var hosts = new string[deadSilos.Count];
        var ports = new int[deadSilos.Count];
        var generations = new long[deadSilos.Count];
        var index = 0;
        foreach (var silo in deadSilos)
        {
            ArgumentNullException.ThrowIfNull(silo, nameof(deadSilos));
            hosts[index] = silo.Host;
            ports[index] = silo.Port;
            generations[index++] = silo.Generation;
        }

        await EnsureInitializedAsync(cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(_sql.UnregisterSilos, connection);
        command.Parameters.Add(DirectoryRows.Text(ClusterId));
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = hosts });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = ports });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = generations });
        await command.PrepareAsync(cancellationToken);
        var removed = await command.ExecuteNonQueryAsync(cancellationToken);
        LogSilosPurged(_logger, removed, string.Join(", ", deadSilos), ClusterId);
        return removed;
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

    private static void ThrowIfDefault(GrainId grainId, string parameterName)
    {
        if (grainId.IsDefault)
        {
            throw new ArgumentException("A grain id is the default identity; pass the id of a grain.", parameterName);
        }
    }

    private static async Task<GrainAddress?> ReadOneAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await command.PrepareAsync(cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? DirectoryRows.Read(reader) : null;
    }

    /// <summary>A command over <paramref name="sql"/> with $1 to $3 bound to this cluster and <paramref name="grainId"/>.</summary>
    private NpgsqlCommand Command(NpgsqlConnection connection, string sql, GrainId grainId)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(DirectoryRows.Text(ClusterId));
        command.Parameters.Add(DirectoryRows.Text(grainId.Type));
        command.Parameters.Add(DirectoryRows.Text(grainId.Key));
        return command;
    }

    private Task EnsureInitializedAsync(CancellationToken cancellationToken) =>
        _initialization.IsDone ? Task.CompletedTask : _initialization.RunAsync(cancellationToken);

    private async Task InitializeSchemaAsync(CancellationToken cancellationToken)
    {
        var (from, to) = await PostgresSchemaMigrator.MigrateAsync(
            _dataSource, _options.Schema, DirectorySchema.Component, DirectorySchema.Migrations(_options.Schema), cancellationToken);
        if (from == to)
        {
            LogSchemaCurrent(_logger, _sql.Table, to);
        }
        else
        {
            LogSchemaMigrated(_logger, _sql.Table, from, to);
        }
    }
}
