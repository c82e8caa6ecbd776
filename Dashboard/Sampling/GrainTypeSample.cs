namespace Cluster.Dashboard.Sampling;

/// <summary>One grain type over a sample period: where its activations are and how it is called.</summary>
/// <param name="GrainType">The grain type name.</param>
/// <param name="ActivationsBySilo">Activations on each silo, by silo address.</param>
/// <param name="Calls">Calls of all its methods.</param>
public sealed record GrainTypeSample(string GrainType, IReadOnlyDictionary<string, int> ActivationsBySilo, LatencySummary Calls);
