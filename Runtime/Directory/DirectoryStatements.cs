namespace Cluster.Runtime.Directory;

/// <summary>
/// The SQL of <see cref="PostgresGrainDirectory"/>, bound to one schema. Parameters $1 to $3 are always the cluster
/// id, grain type and grain key where one grain is named; entries are returned as <see cref="Columns"/>.
/// </summary>
internal sealed class DirectoryStatements
{
    /// <summary>The columns every statement returning entries returns, in this order.</summary>
    public const string Columns = "grain_type, grain_key, silo_address, silo_port, silo_generation, activation_id, registered_at";

    private const string Key = "cluster_id = $1 AND grain_type = $2 AND grain_key = $3";

    public DirectoryStatements(string schema)
    {
        var table = DirectorySchema.Qualify(schema, DirectorySchema.Table);
        Table = table;

        // Inserts $4-$8 unless the grain has an entry, returning whichever entry is registered. Under READ COMMITTED the
        // second SELECT reads the statement's snapshot, so it misses a winner that committed while the INSERT waited
        // on it: the statement then returns no row and the caller runs it again, with a fresh snapshot.
        Register = $"""
            WITH inserted AS (
                INSERT INTO {table} (cluster_id, {Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                ON CONFLICT (cluster_id, grain_type, grain_key) DO NOTHING
                RETURNING {Columns})
            SELECT {Columns} FROM inserted
            UNION ALL
            SELECT {Columns} FROM {table} WHERE {Key} AND NOT EXISTS (SELECT 1 FROM inserted)
            """;

        // Replaces the entry only while it is still activation $9. A concurrent replacer waits for the row lock and then
        // re-checks the condition against the committed row, so of two replacers exactly one matches.
        Replace = $"UPDATE {table} SET silo_address = $4, silo_port = $5, silo_generation = $6, activation_id = $7, registered_at = $8 "
            + $"WHERE {Key} AND activation_id = $9 RETURNING {Columns}";

        Lookup = $"SELECT {Columns} FROM {table} WHERE {Key}";
        LookupMany = $"SELECT {Columns} FROM {table} WHERE cluster_id = $1 AND (grain_type, grain_key) IN (SELECT * FROM unnest($2::text[], $3::text[]))";
        Unregister = $"DELETE FROM {table} WHERE {Key} AND activation_id = $4";
        UnregisterSilos = $"DELETE FROM {table} WHERE cluster_id = $1 "
            + "AND (silo_address, silo_port, silo_generation) IN (SELECT * FROM unnest($2::text[], $3::integer[], $4::bigint[]))";
    }

    /// <summary>The quoted, qualified table.</summary>
    public string Table { get; }

    /// <summary>Registers entry $4-$8 of grain $2/$3 unless it has one; returns the registered entry, or no row after a race.</summary>
    public string Register { get; }

    /// <summary>Replaces grain $2/$3's entry by $4-$8 when it is activation $9; returns the new entry, or no row.</summary>
    public string Replace { get; }

    /// <summary>Reads grain $2/$3's entry.</summary>
    public string Lookup { get; }

    /// <summary>Reads the entries of the grains whose types and keys are the arrays $2 and $3.</summary>
    public string LookupMany { get; }

    /// <summary>Deletes grain $2/$3's entry when it is activation $4.</summary>
    public string Unregister { get; }

    /// <summary>Deletes every entry whose silo is one of the (address, port, generation) arrays $2, $3, $4.</summary>
    public string UnregisterSilos { get; }
}
