namespace Cluster.Runtime.Storage;

/// <summary>
/// Records that a storage provider was registered under <see cref="Name"/> (as a keyed <see cref="IGrainStorage"/>),
/// so the silo can check the names grains use and initialize every provider at start.
/// </summary>
/// <param name="Name">The provider's name, as used in <see cref="PersistentStateAttribute"/>.</param>
internal sealed record GrainStorageRegistration(string Name);
