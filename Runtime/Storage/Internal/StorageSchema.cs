namespace Cluster.Runtime.Storage.Internal;

/// <summary>Names shared by the SQL providers' schemas, so PostgreSQL and SQLite files look the same.</summary>
internal static class StorageSchema
{
    /// <summary>The default grain state table.</summary>
    public const string DefaultTableName = "grain_state";

    /// <summary>The table recording each component's schema version, as <c>(component, version)</c>.</summary>
    public const string VersionsTable = "cluster_schema_versions";

    /// <summary>The prefix of a grain state table's component name in <see cref="VersionsTable"/>.</summary>
    public const string ComponentPrefix = "grain_storage:";

    /// <summary>The component name of the grain state table <paramref name="tableName"/>.</summary>
    public static string Component(string tableName) => ComponentPrefix + tableName;
}
