namespace Cluster.Runtime.Placement;

/// <summary>
/// Places the activation on the silo its string key names (<c>host:port@generation</c>, as membership lists it), and
/// nowhere else: a call to a key naming a silo that is not Active, or not a silo at all, fails with a
/// <see cref="Messaging.SiloUnavailableException"/> instead of activating the grain elsewhere. For per-silo grains,
/// such as the one that reports a silo's own figures to the dashboard. A silo outside a cluster hosts every key.
/// </summary>
public sealed class SiloKeyPlacementAttribute : PlacementAttribute
{
    internal override PlacementStrategy Strategy => PlacementStrategy.SiloOfKey;
}
