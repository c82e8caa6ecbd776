namespace Cluster.Runtime.Placement;

/// <summary>
/// Chooses how new activations of a grain class are placed across the cluster. Stateless workers are always placed
/// on the calling silo, whatever the attribute. Without one, a class uses <see cref="ActivationCountBasedPlacementAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public abstract class PlacementAttribute : Attribute
{
    private protected PlacementAttribute()
    {
    }

    internal abstract PlacementStrategy Strategy { get; }
}
