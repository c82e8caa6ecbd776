namespace Cluster.Runtime.Hosting;

/// <summary>
/// The order in which a silo's parts start (ascending) and stop (descending), as Orleans's
/// <c>ServiceLifecycleStage</c>. Stopping in reverse means a silo announces that it is leaving before it
/// deactivates its grains, and closes its connections only after every activation has finished writing.
/// </summary>
internal static class SiloLifecycleStage
{
    /// <summary>The listener: other processes can connect; the silo's address is known from here on.</summary>
    public const int Transport = 1000;

    /// <summary>The membership table: the silo joins as Joining.</summary>
    public const int Membership = 2000;

    /// <summary>Storage providers and the catalog: grains can activate.</summary>
    public const int Runtime = 3000;

    /// <summary>Connections to other silos, the directory and the failure detector.</summary>
    public const int Cluster = 4000;

    /// <summary>The silo is Active: others place grains here. Stopping begins here with ShuttingDown.</summary>
    public const int Active = 5000;
}
