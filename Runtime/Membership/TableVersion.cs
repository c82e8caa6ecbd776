namespace Cluster.Runtime.Membership;

/// <summary>
/// The membership table's version, which every change of the table bumps by one, and the ETag it was read with.
/// A writer reads the table, then passes <see cref="Next"/> to the change: the change succeeds only while the table
/// is still at the version read, so two writers that read the same version cannot both change the table.
/// </summary>
/// <param name="Version">The version number; 0 for a table nothing has been written to.</param>
/// <param name="ETag">The ETag of the version read, which a change compares with the stored version.</param>
public sealed record TableVersion(int Version, string ETag)
{
    /// <summary>The version a change made from this one writes: <see cref="Version"/> + 1 with this ETag.</summary>
    public TableVersion Next() => this with { Version = Version + 1 };
}
