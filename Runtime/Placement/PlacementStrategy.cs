namespace Cluster.Runtime.Placement;

/// <summary>How a silo is chosen for a new activation of a grain type.</summary>
internal enum PlacementStrategy
{
    /// <summary>The silo with fewer activations of two picked at random (Orleans's power of two choices). The default.</summary>
    ActivationCountBased,

    /// <summary>Any compatible silo, uniformly.</summary>
    Random,

    /// <summary>The calling silo when it can take activations; else as <see cref="Random"/>.</summary>
    PreferLocal,

    /// <summary>The silo the grain's key names, or none (see <see cref="SiloKeyPlacementAttribute"/>).</summary>
    SiloOfKey,
}
