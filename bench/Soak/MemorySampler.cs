using System.Globalization;

namespace Cluster.Benchmarks.Soak;

/// <summary>Resident memory of every cluster process, once a second, from /proc (Linux): first, peak and last.</summary>
internal sealed class MemorySampler(SoakCluster cluster)
{
    private readonly Dictionary<string, (long First, long Peak, long Last, int Samples)> _figures = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, (long First, long Peak, long Last, int Samples)> Figures => _figures;

    public async Task RunAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                foreach (var process in cluster.EveryProcess.Where(process => !process.HasExited))
                {
                    if (ResidentBytes(process.Pid) is { } bytes)
                    {
                        _figures[process.Name] = _figures.TryGetValue(process.Name, out var seen)
                            ? (seen.First, Math.Max(seen.Peak, bytes), bytes, seen.Samples + 1)
                            : (bytes, bytes, bytes, 1);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static long? ResidentBytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").First(text => text.StartsWith("VmRSS:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // The process exited between the check and the read.
            return null;
        }
    }
}
