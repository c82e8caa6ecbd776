using System.Globalization;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Storage.Internal;
using Cluster.Runtime.Storage.Postgres;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cluster.Runtime.Membership;

/// <summary>
/// The membership table in PostgreSQL, modelled on Orleans's ADO.NET clustering: a version row per cluster and a row
/// per silo start, in the tables named in <see cref="MembershipSchema"/>. Each change is one transaction that first
/// bumps the version (by compare-and-swap where the caller holds a version), then changes rows, then announces the
/// new version with <c>pg_notify</c>, which PostgreSQL delivers only if the transaction commits. Row ETags are the
/// rows' integer versions. Owns one <see cref="NpgsqlDataSource"/> (a connection pool), disposed with the table.
/// </summary>
public sealed partial class PostgresMembershipTable : IMembershipTable, IAsyncDisposable, IDisposable
{
    private const string ApplicationName = "Cluster membership";

    // Heartbeats, votes and reads every few seconds: a handful of connections is plenty.
    private const int DefaultMaxPoolSize = 5;

    private readonly NpgsqlDataSource _dataSource;
    private readonly MembershipStatements _sql;
    private readonly AsyncOnce _initialization;
    private readonly PostgresMembershipOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the table; no connection is opened until <see cref="InitializeAsync"/> or the first operation.</summary>
    /// <param name="options">The options.</param>
    /// <param name="logger">The logger; <c>null</c> for none.</param>
    /// <exception cref="OptionsValidationException">The options are invalid; the message says what to set.</exception>
    public PostgresMembershipTable(PostgresMembershipOptions options, ILogger<PostgresMembershipTable>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionsGuard.ThrowIfInvalid(new PostgresMembershipOptionsValidator(), null, options);

        _options = options;
        _logger = logger ?? NullLogger<PostgresMembershipTable>.Instance;
        _dataSource = PostgresSettingsValidation.BuildDataSource(options.ConnectionString, ApplicationName, DefaultMaxPoolSize);
        _sql = new MembershipStatements(options.Schema);
        _initialization = new AsyncOnce(InitializeSchemaAsync);
    }

    /// <summary>The cluster whose rows this table reads and writes.</summary>
    public string ClusterId => _options.ClusterId;

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) => _initialization.RunAsync(cancellationToken);

    /// <inheritdoc />
    public Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken) => ReadAsync(_sql.ReadAll, null, cancellationToken);

    /// <inheritdoc />
    public Task<MembershipTableData> ReadRowAsync(SiloAddress address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        return ReadAsync(_sql.ReadRow, address, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion newVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var expected = ExpectedVersion(newVersion);
        var (version, affected) = await ChangeAsync(expected, _sql.InsertRow, command => MembershipRows.AddFields(command, entry), cancellationToken);
        if (affected == 0)
        {
            LogChangeRefused(_logger, "Insert", entry.SiloAddress, ClusterId, expected, version is null ? "the table version moved" : "the row or a later generation exists");
        }

        return affected == 1;
    }

    /// <inheritdoc />
    public async Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion newVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(etag);
        if (!EtagVersion.TryParse(etag, out var rowVersion))
        {
            throw new ArgumentException($"'{etag}' is not a row ETag this membership table issued; pass the ETag read with the row.", nameof(etag));
        }

        var expected = ExpectedVersion(newVersion);
        var (version, affected) = await ChangeAsync(
            expected,
            _sql.UpdateRow,
            command =>
            {
                MembershipRows.AddFields(command, entry);
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = rowVersion });
            },
            cancellationToken);
        if (affected == 0)
        {
            LogChangeRefused(_logger, "Update", entry.SiloAddress, ClusterId, expected, version is null ? "the table version moved" : "the row changed, is Dead or is missing");
        }

        return affected == 1;
    }

    /// <inheritdoc />
    public async Task<bool> UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await EnsureInitializedAsync(cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(_sql.UpdateIAmAlive, connection);
        AddKey(command, entry.SiloAddress);
        command.Parameters.Add(MembershipRows.Time(entry.IAmAliveTime));
        await command.PrepareAsync(cancellationToken);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task<int> CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken)
    {
        var (_, deleted) = await ChangeAsync(null, _sql.CleanupDefunct, command => command.Parameters.Add(MembershipRows.Time(beforeDate)), cancellationToken);
        return deleted;
    }

    /// <inheritdoc />
    public async Task DeleteMembershipTableEntriesAsync(CancellationToken cancellationToken) =>
        await ChangeAsync(null, _sql.DeleteAll, _ => { }, cancellationToken);

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

    private static int ExpectedVersion(TableVersion newVersion)
    {
        ArgumentNullException.ThrowIfNull(newVersion);
        if (!int.TryParse(newVersion.ETag, NumberStyles.None, CultureInfo.InvariantCulture, out var expected))
        {
            throw new ArgumentException($"'{newVersion.ETag}' is not a table version ETag this membership table issued; pass the version read, advanced with Next().", nameof(newVersion));
        }

        // The table always stores ETag + 1; a caller asking for anything else has mixed up two reads.
        if (newVersion.Version != expected + 1)
        {
            throw new ArgumentException(
                $"Table version {newVersion.Version} does not follow its ETag '{newVersion.ETag}'; pass the version read, advanced once with Next().", nameof(newVersion));
        }

        return expected;
    }

    /// <summary>
    /// Runs one change: bumps the version (only from <paramref name="expectedVersion"/> when given), runs
    /// <paramref name="sql"/>, and commits with a notification when both changed something. Otherwise the transaction
    /// is rolled back, so a refused change leaves neither the version nor the rows touched.
    /// </summary>
    /// <returns>The version reached (<c>null</c> when the compare failed) and the rows <paramref name="sql"/> changed.</returns>
    private async Task<(int? Version, int Affected)> ChangeAsync(
        int? expectedVersion, string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);

        // Disposing an uncommitted transaction rolls it back, which every early return relies on.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        int? version;
        await using (var bump = new NpgsqlCommand(expectedVersion is null ? _sql.BumpVersion : _sql.CompareAndBumpVersion, connection, transaction))
        {
            bump.Parameters.Add(MembershipRows.Text(ClusterId));
            if (expectedVersion is { } expected)
            {
                bump.Parameters.Add(new NpgsqlParameter<int> { TypedValue = expected });
            }

            await bump.PrepareAsync(cancellationToken);
            version = await bump.ExecuteScalarAsync(cancellationToken) as int?;
        }

        if (version is null)
        {
            return (null, 0);
        }

        int affected;
        await using (var change = new NpgsqlCommand(sql, connection, transaction))
        {
            change.Parameters.Add(MembershipRows.Text(ClusterId));
            bind(change);
            await change.PrepareAsync(cancellationToken);
            affected = await change.ExecuteNonQueryAsync(cancellationToken);
        }

        if (affected == 0)
        {
            return (version, 0);
        }

        await using (var notify = new NpgsqlCommand(_sql.Notify, connection, transaction))
        {
            notify.Parameters.Add(MembershipRows.Text(MembershipSchema.Channel));
            notify.Parameters.Add(MembershipRows.Text(MembershipNotification.Format(ClusterId, version.Value)));
            await notify.PrepareAsync(cancellationToken);
            await notify.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (version, affected);
    }

    private async Task<MembershipTableData> ReadAsync(string sql, SiloAddress? address, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        if (address is null)
        {
            command.Parameters.Add(MembershipRows.Text(ClusterId));
        }
        else
        {
            AddKey(command, address);
        }

        await command.PrepareAsync(cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        int? version = null;
        var members = new List<(MembershipEntry Entry, string ETag)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            version = reader.GetInt32(0);
            if (!await reader.IsDBNullAsync(1, cancellationToken))
            {
                members.Add(MembershipRows.Read(reader));
            }
        }

        if (version is not { } found)
        {
            throw new InvalidOperationException(
                $"The version row of membership cluster '{ClusterId}' is missing from {_sql.VersionTable}, although this table created it; "
                + "it was deleted by hand. Restart the silos of the cluster so they create it again.");
        }

        return new MembershipTableData(members, new TableVersion(found, found.ToString(CultureInfo.InvariantCulture)));
    }

    private void AddKey(NpgsqlCommand command, SiloAddress address)
    {
        command.Parameters.Add(MembershipRows.Text(ClusterId));
        MembershipRows.AddAddress(command, address);
    }

    private Task EnsureInitializedAsync(CancellationToken cancellationToken) =>
        _initialization.IsDone ? Task.CompletedTask : _initialization.RunAsync(cancellationToken);

    private async Task InitializeSchemaAsync(CancellationToken cancellationToken)
    {
        var (from, to) = await PostgresSchemaMigrator.MigrateAsync(
            _dataSource, _options.Schema, MembershipSchema.Component, MembershipSchema.Migrations(_options.Schema), cancellationToken);
        if (from == to)
        {
            LogSchemaCurrent(_logger, _sql.MembershipTable, to);
        }
        else
        {
            LogSchemaMigrated(_logger, _sql.MembershipTable, from, to);
        }

        await using var command = _dataSource.CreateCommand(_sql.EnsureVersionRow);
        command.Parameters.Add(MembershipRows.Text(ClusterId));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
