using Cluster.Runtime.Diagnostics;

namespace Cluster.Dashboard.Sampling;

/// <summary>The whole cluster over one sample period, as the dashboard draws it.</summary>
/// <param name="At">When the sample was taken.</param>
/// <param name="PeriodSeconds">The time since the previous sample, over which rates are taken.</param>
/// <param name="Members">The membership table as the answering silo reads it.</param>
/// <param name="Silos">Each silo that is Joining, Active or ShuttingDown.</param>
/// <param name="Activations">Activations in the cluster.</param>
/// <param name="Calls">Every grain call in the cluster.</param>
/// <param name="Methods">Grain methods called in the period, most called first.</param>
/// <param name="GrainTypes">Grain types with activations or calls, most activations first.</param>
/// <param name="Storage">Storage operations by provider and kind.</param>
public sealed record ClusterSample(
    DateTimeOffset At,
    double PeriodSeconds,
    IReadOnlyList<SiloMember> Members,
    IReadOnlyList<SiloSample> Silos,
    int Activations,
    LatencySummary Calls,
    IReadOnlyList<MethodSample> Methods,
    IReadOnlyList<GrainTypeSample> GrainTypes,
    IReadOnlyList<StorageSample> Storage);
