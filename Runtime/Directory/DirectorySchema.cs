using Cluster.Runtime.Storage.Internal;

namespace Cluster.Runtime.Directory;

/// <summary>The directory table's name and the scripts creating it.</summary>
internal static class DirectorySchema
{
    /// <summary>The component name under which the table's schema version is recorded.</summary>
    public const string Component = "directory";

    /// <summary>The table holding one row per registered grain.</summary>
    public const string Table = "cluster_directory";

    /// <summary>The index that finds a silo's entries when it is purged.</summary>
    public const string SiloIndex = "cluster_directory_silo";

    /// <summary>The scripts creating and upgrading the table in <paramref name="schema"/>; index i brings it from version i to i + 1.</summary>
    public static IReadOnlyList<string> Migrations(string schema)
    {
        var table = Qualify(schema, Table);
        return
        [
            // The index is created in the table's schema, so its unqualified name cannot collide across schemas.
            $"""
            CREATE TABLE IF NOT EXISTS {table} (
                cluster_id text NOT NULL,
                grain_type text NOT NULL,
                grain_key text NOT NULL,
                silo_address text NOT NULL,
                silo_port integer NOT NULL,
                silo_generation bigint NOT NULL,
                activation_id uuid NOT NULL,
                registered_at timestamptz NOT NULL,
                PRIMARY KEY (cluster_id, grain_type, grain_key)
            );
            CREATE INDEX IF NOT EXISTS {SqlIdentifier.Quote(SiloIndex)} ON {table} (cluster_id, silo_address, silo_port, silo_generation)
            """,
        ];
    }

    /// <summary>The quoted, schema-qualified name of <paramref name="table"/>.</summary>
    public static string Qualify(string schema, string table) => SqlIdentifier.Quote(schema) + "." + SqlIdentifier.Quote(table);
}
