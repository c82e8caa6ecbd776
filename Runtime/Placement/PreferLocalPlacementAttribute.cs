namespace Cluster.Runtime.Placement;

/// <summary>Places each new activation on the silo that makes the first call, unless it is shutting down; then as <see cref="RandomPlacementAttribute"/>. Suits grains called mostly from one silo's own grains.</summary>
public sealed class PreferLocalPlacementAttribute : PlacementAttribute
{
    internal override PlacementStrategy Strategy => PlacementStrategy.PreferLocal;
}
