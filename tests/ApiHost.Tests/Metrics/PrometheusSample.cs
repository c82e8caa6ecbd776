namespace Cluster.ApiHost.Tests.Metrics;

/// <summary>One sample line: its name, labels and value.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
