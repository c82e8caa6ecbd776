namespace Cluster.Runtime.Membership;

/// <summary>Questions about a <see cref="SiloStatus"/>.</summary>
public static class SiloStatusExtensions
{
    /// <summary>
    /// Whether the silo is on its way out or gone (<see cref="SiloStatus.ShuttingDown"/>, <see cref="SiloStatus.Stopping"/>
    /// or <see cref="SiloStatus.Dead"/>): no new activations should be placed on it.
    /// </summary>
    /// <param name="status">The status.</param>
    public static bool IsTerminating(this SiloStatus status) =>
        status is SiloStatus.ShuttingDown or SiloStatus.Stopping or SiloStatus.Dead;
}
