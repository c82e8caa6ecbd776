namespace Cluster.Runtime.Storage;

/// <summary>The configuration keys and provider names read by <c>AddGrainStorageFromConfiguration</c>.</summary>
public static class GrainStorageConfiguration
{
    /// <summary>The configuration section holding the storage settings.</summary>
    public const string SectionName = "Storage";

    /// <summary>The key choosing the provider: <see cref="SqliteProvider"/> (default), <see cref="PostgresProvider"/> or <see cref="MemoryProvider"/>.</summary>
    public const string ProviderKey = SectionName + ":Provider";

    /// <summary>The embedded SQLite file provider, the default.</summary>
    public const string SqliteProvider = "Sqlite";

    /// <summary>The PostgreSQL provider, for clusters.</summary>
    public const string PostgresProvider = "Postgres";

    /// <summary>The in-memory provider, for tests only.</summary>
    public const string MemoryProvider = "Memory";

    /// <summary>The provider used when <see cref="ProviderKey"/> is not set.</summary>
    public const string DefaultProvider = SqliteProvider;
}
