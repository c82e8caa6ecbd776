namespace Cluster.Dashboard.Sampling;

/// <summary>One grain method's calls over a sample period, all silos together.</summary>
public sealed record MethodSample(string GrainType, string Interface, string Method, LatencySummary Calls);
