namespace Cluster.Runtime.Membership;

/// <summary>The membership table as a silo last read it.</summary>
/// <param name="Version">The table version read.</param>
/// <param name="Entries">Every row of the cluster.</param>
public sealed record MembershipSnapshot(int Version, IReadOnlyList<MembershipEntry> Entries)
{
    /// <summary>An empty snapshot, before the first read.</summary>
    public static MembershipSnapshot Empty { get; } = new(-1, []);

    /// <summary>The silos that are <see cref="SiloStatus.Active"/>.</summary>
    public IEnumerable<MembershipEntry> Active => Entries.Where(entry => entry.Status == SiloStatus.Active);

    /// <summary>The status of <paramref name="silo"/>, or <see cref="SiloStatus.None"/> when it has no row.</summary>
    public SiloStatus StatusOf(SiloAddress silo) => Entries.FirstOrDefault(entry => entry.SiloAddress == silo)?.Status ?? SiloStatus.None;
}
