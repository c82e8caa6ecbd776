using Cluster.Runtime.Storage.Internal;
using Microsoft.Data.Sqlite;

namespace Cluster.Runtime.Storage.Sqlite;

/// <summary>
/// <see cref="IGrainStateQuery"/> over the SQLite state table, with an expression index per listed property. SQLite's
/// <c>lower()</c> folds ASCII letters only, so other letters match a prefix in their own case.
/// </summary>
internal sealed class SqliteStateList(SqliteStateTable table, string tableName)
{
    private readonly StateListIndexes _indexes = new(property => CreateIndexAsync(table, tableName, property));

    public async Task<IReadOnlyList<StoredGrainState>> ListAsync(StateListQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await table.OpenAsync(cancellationToken);
        await using var command = await CommandAsync(connection, query, $"grain_key, {ValueOf(query)}, payload", cancellationToken);
        command.CommandText += $" ORDER BY {ValueOf(query)}, grain_key LIMIT $limit OFFSET $offset";
        command.Parameters.AddWithValue("$limit", query.Limit);
        command.Parameters.AddWithValue("$offset", query.Offset);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await StateListIndexes.ReadAsync(reader, cancellationToken);
    }

    public async Task<long> CountAsync(StateListQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await table.OpenAsync(cancellationToken);
        await using var command = await CommandAsync(connection, query with { After = null }, "count(*)", cancellationToken);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    // The property is a checked identifier, inlined so the expression is the index's; everything else is a parameter.
    private static string ValueOf(StateListQuery query) => $"lower(json_extract(payload, '$.{query.Property}'))";

    private async Task<SqliteCommand> CommandAsync(SqliteConnection connection, StateListQuery query, string columns, CancellationToken cancellationToken)
    {
        query.Validate();
        await _indexes.EnsureAsync(query.Property, cancellationToken);
        var value = ValueOf(query);
        var command = connection.CreateCommand();

        // One lower bound, whichever of the prefix and the cursor is further on (keys are never empty, so '' starts
        // at the prefix itself); SQLite compares text byte by byte, the order of the index.
        command.CommandText = $"""
            SELECT {columns} FROM {table.QuotedName}
            WHERE grain_type = $type AND state_name = $name AND payload IS NOT NULL
              AND ({value}, grain_key) > (
                    CASE WHEN $afterValue >= lower($prefix) THEN $afterValue ELSE lower($prefix) END,
                    CASE WHEN $afterValue >= lower($prefix) THEN $afterKey ELSE '' END)
              AND {value} < lower($prefix) || char(1114111)
              AND ($before IS NULL OR {value} < lower($before))
            """;
        command.Parameters.AddWithValue("$type", query.GrainType);
        command.Parameters.AddWithValue("$name", query.StateName);
        command.Parameters.AddWithValue("$prefix", query.Prefix);
        command.Parameters.AddWithValue("$afterValue", query.After?.Value ?? string.Empty);
        command.Parameters.AddWithValue("$afterKey", query.After?.GrainKey ?? string.Empty);
        command.Parameters.AddWithValue("$before", (object?)query.Before ?? DBNull.Value);
        return command;
    }

    private static async Task CreateIndexAsync(SqliteStateTable table, string tableName, string property)
    {
        await using var connection = await table.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE INDEX IF NOT EXISTS \"{tableName}_by_{property.ToLowerInvariant()}\" ON {table.QuotedName} "
            + $"(grain_type, state_name, lower(json_extract(payload, '$.{property}')), grain_key)";
        await command.ExecuteNonQueryAsync();
    }
}
