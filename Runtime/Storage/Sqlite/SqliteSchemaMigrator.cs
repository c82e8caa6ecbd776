using Microsoft.Data.Sqlite;

namespace Cluster.Runtime.Storage.Sqlite;

/// <summary>
/// Applies ordered schema migrations for one component in a SQLite file. Everything runs in one
/// <c>BEGIN IMMEDIATE</c> transaction, which takes the file's write lock first, so concurrent starters (threads or
/// processes) run one after the other and each migration runs once; versions are kept in
/// <see cref="VersionsTable"/>, as in PostgreSQL.
/// </summary>
internal static class SqliteSchemaMigrator
{
    /// <summary>The table recording each component's schema version.</summary>
    public const string VersionsTable = "cluster_schema_versions";

    /// <summary>Brings <paramref name="component"/> to the last of <paramref name="migrations"/>.</summary>
    /// <param name="connection">An open connection to the file, outside any transaction.</param>
    /// <param name="component">The component's name, the versions table's key.</param>
    /// <param name="migrations">SQL scripts in order: the first creates version 1, each next one upgrades by one.</param>
    /// <param name="cancellationToken">Cancels before the transaction commits.</param>
    /// <returns>The version found and the version reached.</returns>
    /// <exception cref="InvalidOperationException">The file is at a newer version than <paramref name="migrations"/> reach.</exception>
    public static async Task<(int From, int To)> MigrateAsync(
        SqliteConnection connection, string component, IReadOnlyList<string> migrations, CancellationToken cancellationToken)
    {
        // Not deferred: BEGIN IMMEDIATE takes the write lock now, waiting out the busy timeout for another starter.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await ExecuteAsync(transaction, $"CREATE TABLE IF NOT EXISTS \"{VersionsTable}\" (component TEXT PRIMARY KEY, version INTEGER NOT NULL)", null, cancellationToken);

        int found;
        await using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = $"SELECT version FROM \"{VersionsTable}\" WHERE component = $component";
            select.Parameters.AddWithValue("$component", component);
            found = await select.ExecuteScalarAsync(cancellationToken) is long version ? checked((int)version) : 0;
        }

        if (found > migrations.Count)
        {
            throw new InvalidOperationException(
                $"The schema of '{component}' in {connection.DataSource} is at version {found}, newer than this build knows ({migrations.Count}); "
                + "run a build at least as new as the one that upgraded the file.");
        }

        if (found < migrations.Count)
        {
            for (var next = found; next < migrations.Count; next++)
            {
                await ExecuteAsync(transaction, migrations[next], null, cancellationToken);
            }

            await ExecuteAsync(
                transaction,
                $"INSERT INTO \"{VersionsTable}\" (component, version) VALUES ($component, $version) ON CONFLICT (component) DO UPDATE SET version = excluded.version",
                command =>
                {
                    command.Parameters.AddWithValue("$component", component);
                    command.Parameters.AddWithValue("$version", migrations.Count);
                },
                cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (found, migrations.Count);
    }

    private static async Task ExecuteAsync(SqliteTransaction transaction, string sql, Action<SqliteCommand>? bind, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        bind?.Invoke(command);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
