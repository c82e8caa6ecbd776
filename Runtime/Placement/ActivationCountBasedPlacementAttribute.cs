namespace Cluster.Runtime.Placement;

/// <summary>Places each new activation on whichever of two randomly picked compatible silos hosts fewer activations, which balances load without every silo herding to the one least loaded a moment ago. The default.</summary>
public sealed class ActivationCountBasedPlacementAttribute : PlacementAttribute
{
    internal override PlacementStrategy Strategy => PlacementStrategy.ActivationCountBased;
}
