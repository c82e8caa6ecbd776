namespace Cluster.Dashboard.Sampling;

/// <summary>One silo over a sample period.</summary>
/// <param name="Silo">Its address.</param>
/// <param name="Status">Its membership status.</param>
/// <param name="Error">Why it did not report (unreachable, too slow), or null when it did; the figures are then zero.</param>
/// <param name="CpuPercent">Processor use of its process, 0 to 100 (all processors).</param>
/// <param name="WorkingSetBytes">Physical memory in use.</param>
/// <param name="GcHeapBytes">Managed heap in use.</param>
/// <param name="GcPausePercent">Share of the period its threads were paused for collections, 0 to 100.</param>
/// <param name="Gen2CollectionsPerMinute">Full collections per minute.</param>
/// <param name="ThreadPoolThreads">Thread pool threads.</param>
/// <param name="ThreadPoolQueue">Work items waiting for a thread.</param>
/// <param name="Connections">Open connections to its gateway.</param>
/// <param name="Activations">Activations, all types.</param>
/// <param name="Calls">Grain calls it ran.</param>
/// <param name="StartedAt">When its process started.</param>
public sealed record SiloSample(
    string Silo,
    string Status,
    string? Error,
    double CpuPercent,
    long WorkingSetBytes,
    long GcHeapBytes,
    double GcPausePercent,
    double Gen2CollectionsPerMinute,
    int ThreadPoolThreads,
    long ThreadPoolQueue,
    int Connections,
    int Activations,
    LatencySummary Calls,
    DateTimeOffset? StartedAt);
