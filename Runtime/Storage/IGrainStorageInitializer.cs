namespace Cluster.Runtime.Storage;

/// <summary>
/// A storage provider that prepares its store (creates or upgrades its schema) when the silo starts, before any
/// grain activates. Initialization must be idempotent and safe when several silos start at once.
/// </summary>
public interface IGrainStorageInitializer
{
    /// <summary>Creates or upgrades the store.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);
}
