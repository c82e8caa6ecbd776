namespace Cluster.Dashboard.Sampling;

/// <summary>One storage provider's operations of one kind (read, write, clear) over a sample period, all silos together.</summary>
/// <param name="Provider">The storage provider's name.</param>
/// <param name="Operation">read, write or clear.</param>
/// <param name="Operations">Rate, failures and latency.</param>
/// <param name="ConflictsPerSecond">Writes refused because the state changed meanwhile (ETag conflicts), per second.</param>
public sealed record StorageSample(string Provider, string Operation, LatencySummary Operations, double ConflictsPerSecond);
