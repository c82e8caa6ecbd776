using Cluster.Runtime.Storage.Internal;
using Npgsql;

namespace Cluster.Runtime.Storage.Postgres;

/// <summary>
/// Applies ordered schema migrations for one component (such as a storage table) in PostgreSQL, safely when
/// several silos start at once: everything runs in one transaction holding a cluster-wide advisory lock, and the
/// version reached is recorded in <see cref="VersionsTable"/>, so each migration runs exactly once per database.
/// Every component of the runtime that owns tables should migrate through here, with the same lock.
/// </summary>
internal static class PostgresSchemaMigrator
{
    /// <summary>
    /// The advisory lock every schema change of the runtime takes ("Cluster" in ASCII). Sharing one key also
    /// serializes the creation of <see cref="VersionsTable"/> itself, which concurrent CREATEs would race on.
    /// </summary>
    public const long AdvisoryLockKey = 0x43_6C_75_73_74_65_72;

    /// <summary>The table recording each component's schema version.</summary>
    public const string VersionsTable = "cluster_schema_versions";

    /// <summary>Brings <paramref name="component"/> to the last of <paramref name="migrations"/>.</summary>
    /// <param name="dataSource">The database.</param>
    /// <param name="schema">The schema holding the component's tables and the versions table; created when missing.</param>
    /// <param name="component">The component's name, the versions table's key.</param>
    /// <param name="migrations">SQL scripts in order: the first creates version 1, each next one upgrades by one.</param>
    /// <param name="cancellationToken">Cancels the migration; the transaction then rolls back.</param>
    /// <returns>The version found and the version reached.</returns>
    /// <exception cref="InvalidOperationException">The database is at a newer version than <paramref name="migrations"/> reach.</exception>
    public static async Task<(int From, int To)> MigrateAsync(
        NpgsqlDataSource dataSource, string schema, string component, IReadOnlyList<string> migrations, CancellationToken cancellationToken)
    {
        var quotedSchema = SqlIdentifier.Quote(schema);
        var versionsTable = quotedSchema + "." + SqlIdentifier.Quote(VersionsTable);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Held until commit or rollback, so a silo that starts meanwhile sees the finished schema.
        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock($1)", [AdvisoryLockKey], cancellationToken);

        // Existence is checked before creating because CREATE ... IF NOT EXISTS still demands the CREATE privilege,
        // which a role that only uses an existing schema need not have.
        if (!await ExistsAsync(connection, "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", [schema], cancellationToken))
        {
            await ExecuteAsync(connection, $"CREATE SCHEMA {quotedSchema}", [], cancellationToken);
        }

        if (!await ExistsAsync(connection, "SELECT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = $2)", [schema, VersionsTable], cancellationToken))
        {
            await ExecuteAsync(connection, $"CREATE TABLE {versionsTable} (component text PRIMARY KEY, version integer NOT NULL)", [], cancellationToken);
        }

        var found = await ReadVersionAsync(connection, versionsTable, component, cancellationToken);
        if (found > migrations.Count)
        {
            throw new InvalidOperationException(
                $"The schema of '{component}' in schema '{schema}' is at version {found}, newer than this build knows ({migrations.Count}); "
                + "run a silo build at least as new as the one that upgraded the database.");
        }

        if (found < migrations.Count)
        {
            for (var next = found; next < migrations.Count; next++)
            {
                await ExecuteAsync(connection, migrations[next], [], cancellationToken);
            }

            await ExecuteAsync(
                connection,
                $"INSERT INTO {versionsTable} (component, version) VALUES ($1, $2) ON CONFLICT (component) DO UPDATE SET version = excluded.version",
                [component, migrations.Count],
                cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (found, migrations.Count);
    }

    private static async Task<int> ReadVersionAsync(NpgsqlConnection connection, string versionsTable, string component, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(connection, $"SELECT version FROM {versionsTable} WHERE component = $1", [component]);
        return await command.ExecuteScalarAsync(cancellationToken) is int version ? version : 0;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, object[] parameters, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(connection, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, string sql, object[] parameters, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(connection, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    private static NpgsqlCommand CreateCommand(NpgsqlConnection connection, string sql, object[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
