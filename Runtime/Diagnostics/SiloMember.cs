namespace Cluster.Runtime.Diagnostics;

/// <summary>A member of the cluster as one silo reads the membership table.</summary>
/// <param name="Silo">Its address (<c>host:port@generation</c>), or <c>local</c> for a silo outside a cluster.</param>
/// <param name="Name">Its configured name.</param>
/// <param name="HostName">The machine or container it runs on.</param>
/// <param name="Status">Joining, Active, ShuttingDown or Dead.</param>
/// <param name="StartedAt">When this start of it joined.</param>
/// <param name="LastAliveAt">The last time it said it was alive in the table.</param>
public sealed record SiloMember(string Silo, string Name, string HostName, string Status, DateTimeOffset StartedAt, DateTimeOffset LastAliveAt);
