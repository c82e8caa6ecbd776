namespace Cluster.Runtime.Diagnostics;

/// <summary>Compares series tags, and a measurement's span of tags with them (the lookup that allocates nothing).</summary>
internal sealed class MetricTagsComparer : IEqualityComparer<MetricTags>, IAlternateEqualityComparer<MetricTagSpan, MetricTags>
{
    public static readonly MetricTagsComparer Instance = new();

    public bool Equals(MetricTags? x, MetricTags? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && x.Hash == y.Hash && x.Matches(y.Tags));

    public int GetHashCode(MetricTags obj) => obj.Hash;

    public bool Equals(MetricTagSpan alternate, MetricTags other) => other.Matches(alternate.Tags);

    public int GetHashCode(MetricTagSpan alternate) => MetricTags.HashOf(alternate.Tags);

    public MetricTags Create(MetricTagSpan alternate) => new(alternate.Tags.ToArray(), MetricTags.HashOf(alternate.Tags));
}
