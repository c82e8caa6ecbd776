namespace Cluster.Runtime.Storage;

/// <summary>Which stored states <see cref="IGrainStateQuery.ListAsync"/> returns.</summary>
/// <param name="GrainType">The grain type, as in <c>[GrainType]</c>.</param>
/// <param name="StateName">The state's name, as in <c>[PersistentState]</c>.</param>
/// <param name="Property">
/// A top-level string property of the stored JSON (camelCase, as stored), such as <c>email</c>; letters, digits and
/// '_' only. States are ordered by its lower-cased value.
/// </param>
/// <param name="Prefix">Only states whose lower-cased property starts with this (compare lower-cased); empty for all.</param>
/// <param name="After">Only states after this position (exclusive): the last of the previous page; null for the first page.</param>
/// <param name="Limit">The most states returned, 1 to <see cref="MaxLimit"/>.</param>
public sealed record StateListQuery(string GrainType, string StateName, string Property, string Prefix, StateListPosition? After, int Limit)
{
    /// <summary>Only states whose lower-cased property is before this (exclusive), as well as within the prefix; null for no further bound.</summary>
    public string? Before { get; init; }

    /// <summary>
    /// States skipped before the first returned, for numbered pages; 0 to <see cref="MaxOffset"/>. Each skipped state
    /// is still read from the index, so keyset paging with <see cref="After"/> is the way through long lists.
    /// </summary>
    public int Offset { get; init; }

    /// <summary>The largest page.</summary>
    public const int MaxLimit = 1000;

    /// <summary>The largest <see cref="Offset"/>.</summary>
    public const int MaxOffset = 100_000;

    /// <summary>Checks the query, saying what is wrong.</summary>
    /// <exception cref="ArgumentException">The property is not a plain identifier, or the limit is out of range.</exception>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(GrainType);
        ArgumentException.ThrowIfNullOrEmpty(StateName);
        ArgumentNullException.ThrowIfNull(Prefix);
        if (string.IsNullOrEmpty(Property) || Property.Length > 63 || !char.IsAsciiLetter(Property[0])
            || !Property.All(character => char.IsAsciiLetterOrDigit(character) || character == '_'))
        {
            throw new ArgumentException($"The property '{Property}' is not a plain identifier (letters, digits and '_', starting with a letter).", nameof(Property));
        }

        if (Limit is < 1 or > MaxLimit)
        {
            throw new ArgumentException($"The limit is {Limit}; ask for 1 to {MaxLimit} states.", nameof(Limit));
        }

        if (Offset is < 0 or > MaxOffset)
        {
            throw new ArgumentException($"The offset is {Offset}; skip 0 to {MaxOffset} states, or page with After.", nameof(Offset));
        }
    }
}
