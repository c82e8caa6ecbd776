using System.Diagnostics.CodeAnalysis;

namespace Cluster.Runtime.Membership;

/// <summary>
/// What a read of the membership table returned: the rows, each with the ETag an update of it must present, and the
/// table's version, which a change must present too. Two reads are equal when their versions and rows (in order) are.
/// </summary>
/// <param name="Members">The rows with their ETags.</param>
/// <param name="Version">The table's version at the time of the read.</param>
public sealed record MembershipTableData(IReadOnlyList<(MembershipEntry Entry, string ETag)> Members, TableVersion Version)
{
    /// <summary>Finds the row of <paramref name="address"/> (exact generation).</summary>
    /// <param name="address">The silo's address.</param>
    /// <param name="entry">The row, when present.</param>
    /// <param name="etag">The row's ETag, when present.</param>
    /// <returns>Whether the row is present.</returns>
    public bool TryGet(SiloAddress address, [NotNullWhen(true)] out MembershipEntry? entry, [NotNullWhen(true)] out string? etag)
    {
        ArgumentNullException.ThrowIfNull(address);
        foreach (var (candidate, candidateEtag) in Members)
        {
            if (candidate.SiloAddress == address)
            {
                entry = candidate;
                etag = candidateEtag;
                return true;
            }
        }

        entry = null;
        etag = null;
        return false;
    }

    /// <inheritdoc />
    public bool Equals(MembershipTableData? other) =>
        other is not null && Version == other.Version && Members.SequenceEqual(other.Members);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Version, Members.Count);
}
