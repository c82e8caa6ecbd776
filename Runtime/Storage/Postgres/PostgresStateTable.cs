using Cluster.Runtime.Storage.Internal;
using Npgsql;
using NpgsqlTypes;

namespace Cluster.Runtime.Storage.Postgres;

/// <summary>
/// The grain state table in PostgreSQL. Every operation is one parameterized, prepared statement in its own
/// implicit transaction: the insert relies on ON CONFLICT DO NOTHING and the update on a version predicate, which
/// PostgreSQL re-checks after waiting for a concurrent writer's row lock, so no two writers can both succeed.
/// Nothing here retries: a failed statement surfaces as the Npgsql exception.
/// </summary>
internal sealed class PostgresStateTable : IStateTable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _select;
    private readonly string _selectVersion;
    private readonly string _insert;
    private readonly string _update;

    /// <summary>Binds the statements to <paramref name="schema"/>.<paramref name="tableName"/>; both must be valid identifiers.</summary>
    public PostgresStateTable(NpgsqlDataSource dataSource, string schema, string tableName)
    {
        _dataSource = dataSource;
        QualifiedName = SqlIdentifier.Quote(schema) + "." + SqlIdentifier.Quote(tableName);
        const string Where = "WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3";
        _select = $"SELECT version, payload FROM {QualifiedName} {Where}";
        _selectVersion = $"SELECT version FROM {QualifiedName} {Where}";
        _insert = $"INSERT INTO {QualifiedName} (grain_type, grain_key, state_name, version, payload) VALUES ($1, $2, $3, {EtagVersion.First}, $4) "
            + "ON CONFLICT (grain_type, grain_key, state_name) DO NOTHING";
        _update = $"UPDATE {QualifiedName} SET version = version + 1, payload = $5, modified_at = now() {Where} AND version = $4 RETURNING version";
    }

    /// <summary>The quoted, schema-qualified table name.</summary>
    public string QualifiedName { get; }

    /// <summary>The scripts creating and upgrading the table; index i brings it from version i to i + 1.</summary>
    public IReadOnlyList<string> Migrations =>
    [
        $"""
        CREATE TABLE IF NOT EXISTS {QualifiedName} (
            grain_type text NOT NULL,
            grain_key text NOT NULL,
            state_name text NOT NULL,
            version integer NOT NULL,
            payload jsonb NULL,
            modified_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (grain_type, grain_key, state_name)
        )
        """,
    ];

    /// <inheritdoc />
    public async Task<StoredRow?> ReadAsync(StateRowKey key, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = CreateCommand(connection, _select, key);
        await command.PrepareAsync(cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var payload = await reader.IsDBNullAsync(1, cancellationToken) ? null : reader.GetString(1);
        return new StoredRow(reader.GetInt32(0), payload);
    }

    /// <inheritdoc />
    public async Task<int?> ReadVersionAsync(StateRowKey key, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = CreateCommand(connection, _selectVersion, key);
        await command.PrepareAsync(cancellationToken);
        return await command.ExecuteScalarAsync(cancellationToken) is int version ? version : null;
    }

    /// <inheritdoc />
    public async Task<bool> TryInsertAsync(StateRowKey key, string payload, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = CreateCommand(connection, _insert, key);
        command.Parameters.Add(Payload(payload));
        await command.PrepareAsync(cancellationToken);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task<int?> TryUpdateAsync(StateRowKey key, int expectedVersion, string? payload, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = CreateCommand(connection, _update, key);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = expectedVersion });
        command.Parameters.Add(Payload(payload));
        await command.PrepareAsync(cancellationToken);
        return await command.ExecuteScalarAsync(cancellationToken) is int version ? version : null;
    }

    private static NpgsqlCommand CreateCommand(NpgsqlConnection connection, string sql, StateRowKey key)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.GrainType });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.GrainKey });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.StateName });
        return command;
    }

    private static NpgsqlParameter Payload(string? json) =>
        new() { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = (object?)json ?? DBNull.Value };
}
