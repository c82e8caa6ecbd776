namespace Cluster.ApiHost.Tests.Metrics;

/// <summary>A metric family as <see cref="PrometheusParser"/> read it.</summary>
public sealed class PrometheusFamily(string name)
{
    public string Name { get; } = name;

    public string? Type { get; set; }

    public string? Help { get; set; }

    public List<PrometheusSample> Samples { get; } = [];

    /// <summary>The samples named <paramref name="sampleName"/> whose labels include every one of <paramref name="labels"/>.</summary>
    public IEnumerable<PrometheusSample> Where(string sampleName, params (string Key, string Value)[] labels) =>
        Samples.Where(sample => sample.Name == sampleName && labels.All(label => sample.Labels.TryGetValue(label.Key, out var value) && value == label.Value));
}
