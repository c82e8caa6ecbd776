using Cluster.Runtime.Storage.Internal;
using Microsoft.Data.Sqlite;

namespace Cluster.Runtime.Storage.Sqlite;

/// <summary>
/// The grain state table in a SQLite file. Every operation opens a pooled connection, runs one parameterized
/// statement and closes it. In WAL mode readers never wait for writers, so reads run concurrently. Writes are
/// additionally funnelled through a <see cref="SemaphoreSlim"/>: SQLite admits one writer per file anyway, and
/// Microsoft.Data.Sqlite's "async" calls block their thread while SQLite's busy handler waits, so letting many
/// writers queue inside SQLite would park thread-pool threads; the semaphore makes them wait asynchronously
/// instead. The busy timeout still covers other processes and other providers on the same file.
/// </summary>
internal sealed class SqliteStateTable : IStateTable, IDisposable
{
    private const string ModifiedNow = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

    private readonly string _connectionString;
    private readonly int _busyTimeoutMilliseconds;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly string _select;
    private readonly string _selectVersion;
    private readonly string _insert;
    private readonly string _update;

    /// <summary>Binds the statements to <paramref name="tableName"/>, which must be a valid identifier.</summary>
    public SqliteStateTable(string connectionString, TimeSpan busyTimeout, string tableName)
    {
        _connectionString = connectionString;
        _busyTimeoutMilliseconds = (int)Math.Ceiling(busyTimeout.TotalMilliseconds);
        QuotedName = SqlIdentifier.Quote(tableName);
        const string Where = "WHERE grain_type = $type AND grain_key = $key AND state_name = $name";
        _select = $"SELECT version, payload FROM {QuotedName} {Where}";
        _selectVersion = $"SELECT version FROM {QuotedName} {Where}";
        _insert = $"INSERT INTO {QuotedName} (grain_type, grain_key, state_name, version, payload) VALUES ($type, $key, $name, {EtagVersion.First}, $payload) "
            + "ON CONFLICT (grain_type, grain_key, state_name) DO NOTHING";
        _update = $"UPDATE {QuotedName} SET version = version + 1, payload = $payload, modified_at = {ModifiedNow} {Where} AND version = $version RETURNING version";
    }

    /// <summary>The quoted table name.</summary>
    public string QuotedName { get; }

    /// <summary>The scripts creating and upgrading the table; index i brings it from version i to i + 1.</summary>
    public IReadOnlyList<string> Migrations =>
    [
        // A rowid table rather than WITHOUT ROWID: payloads can be large, which WITHOUT ROWID handles poorly.
        $"""
        CREATE TABLE IF NOT EXISTS {QuotedName} (
            grain_type TEXT NOT NULL,
            grain_key TEXT NOT NULL,
            state_name TEXT NOT NULL,
            version INTEGER NOT NULL,
            payload TEXT NULL,
            modified_at TEXT NOT NULL DEFAULT ({ModifiedNow}),
            PRIMARY KEY (grain_type, grain_key, state_name)
        )
        """,
    ];

    /// <summary>Opens a pooled connection with this provider's busy timeout.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);

            // Per connection, and cheap; a pooled connection may have been opened by someone with another setting.
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA busy_timeout = {_busyTimeoutMilliseconds}";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<StoredRow?> ReadAsync(StateRowKey key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = CreateCommand(connection, _select, key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var payload = await reader.IsDBNullAsync(1, cancellationToken) ? null : reader.GetString(1);
        return new StoredRow(checked((int)reader.GetInt64(0)), payload);
    }

    /// <inheritdoc />
    public async Task<int?> ReadVersionAsync(StateRowKey key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = CreateCommand(connection, _selectVersion, key);
        return await command.ExecuteScalarAsync(cancellationToken) is long version ? checked((int)version) : null;
    }

    /// <inheritdoc />
    public async Task<bool> TryInsertAsync(StateRowKey key, string payload, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = CreateCommand(connection, _insert, key);
            command.Parameters.AddWithValue("$payload", payload);
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<int?> TryUpdateAsync(StateRowKey key, int expectedVersion, string? payload, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = CreateCommand(connection, _update, key);
            command.Parameters.AddWithValue("$version", expectedVersion);
            command.Parameters.AddWithValue("$payload", (object?)payload ?? DBNull.Value);
            return await command.ExecuteScalarAsync(cancellationToken) is long version ? checked((int)version) : null;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _writeGate.Dispose();

    private static SqliteCommand CreateCommand(SqliteConnection connection, string sql, StateRowKey key)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$type", key.GrainType);
        command.Parameters.AddWithValue("$key", key.GrainKey);
        command.Parameters.AddWithValue("$name", key.StateName);
        return command;
    }
}
