namespace Cluster.Runtime.Diagnostics;

/// <summary>
/// The tags of one series, compared without regard to order. Looked up from the measurement's span of tags through
/// <see cref="MetricTagsComparer"/>, so recording into an existing series allocates nothing.
/// </summary>
internal sealed class MetricTags
{
    public MetricTags(KeyValuePair<string, object?>[] tags, int hash)
    {
        Tags = tags;
        Hash = hash;
    }

    public KeyValuePair<string, object?>[] Tags { get; }

    public int Hash { get; }

    public static int HashOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // A sum of per-tag hashes: the same tags in another order hash the same.
        var hash = 0;
        foreach (var tag in tags)
        {
            hash = unchecked(hash + HashCode.Combine(StringComparer.Ordinal.GetHashCode(tag.Key), tag.Value?.GetHashCode() ?? 0));
        }

        return hash;
    }

    public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length != Tags.Length)
        {
            return false;
        }

        foreach (var tag in tags)
        {
            if (!Contains(tag))
            {
                return false;
            }
        }

        return true;
    }

    private bool Contains(KeyValuePair<string, object?> tag)
    {
        foreach (var own in Tags)
        {
            if (string.Equals(own.Key, tag.Key, StringComparison.Ordinal) && Equals(own.Value, tag.Value))
            {
                return true;
            }
        }

        return false;
    }
}
