namespace Cluster.Runtime.Storage;

/// <summary>
/// Lists the stored states of one grain type in the order of one of their string properties, for administrative
/// search and paging (a directory of users, say) where activating every grain would not do. Implemented by the
/// PostgreSQL and SQLite providers, over an index they create on first use.
/// </summary>
public interface IGrainStateQuery
{
    /// <summary>
    /// The states matching <paramref name="query"/>, at most <see cref="StateListQuery.Limit"/>, ordered by the
    /// lower-cased property and then the grain key. Reads what is stored: a grain's newest unsaved change is not seen.
    /// </summary>
    /// <exception cref="ArgumentException">The query names a property that is not a plain identifier, or its limit is out of range.</exception>
    Task<IReadOnlyList<StoredGrainState>> ListAsync(StateListQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// How many stored states are within the prefix and <see cref="StateListQuery.Before"/> of <paramref name="query"/>
    /// (its position, offset and limit are ignored): the total of a numbered listing.
    /// </summary>
    /// <exception cref="ArgumentException">The query names a property that is not a plain identifier.</exception>
    Task<long> CountAsync(StateListQuery query, CancellationToken cancellationToken = default);
}
