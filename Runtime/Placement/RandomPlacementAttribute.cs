namespace Cluster.Runtime.Placement;

/// <summary>Places each new activation on a compatible silo picked uniformly at random.</summary>
public sealed class RandomPlacementAttribute : PlacementAttribute
{
    internal override PlacementStrategy Strategy => PlacementStrategy.Random;
}
