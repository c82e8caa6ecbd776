namespace Cluster.Runtime.Diagnostics;

/// <summary>A process's resource figures at one moment; totals (CPU, GC) grow from the process's start.</summary>
/// <param name="ProcessorCount">Processors the process may use.</param>
/// <param name="CpuSeconds">Processor time used since the start, all threads, in seconds.</param>
/// <param name="WorkingSetBytes">Physical memory in use, in bytes.</param>
/// <param name="GcHeapBytes">Managed heap in use after the last collection, in bytes.</param>
/// <param name="Gen0Collections">Generation-0 collections since the start.</param>
/// <param name="Gen1Collections">Generation-1 collections since the start.</param>
/// <param name="Gen2Collections">Generation-2 collections since the start.</param>
/// <param name="GcPauseSeconds">Time the runtime paused threads for collections since the start, in seconds.</param>
/// <param name="ThreadPoolThreads">Thread pool threads now.</param>
/// <param name="ThreadPoolQueue">Work items waiting for a thread pool thread now.</param>
public sealed record ProcessFigures(
    int ProcessorCount,
    double CpuSeconds,
    long WorkingSetBytes,
    long GcHeapBytes,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections,
    double GcPauseSeconds,
    int ThreadPoolThreads,
    long ThreadPoolQueue);
