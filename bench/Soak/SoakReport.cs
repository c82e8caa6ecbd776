using System.Globalization;
using System.Text;

namespace Cluster.Benchmarks.Soak;

/// <summary>The soak run's report, as Markdown: per phase, per process, per kind of write.</summary>
internal static class SoakReport
{
    public static string Write(
        SoakOptions options,
        string run,
        IReadOnlyList<PhaseStats> phases,
        IReadOnlyList<string> events,
        IReadOnlyDictionary<string, (long First, long Peak, long Last, int Samples)> memory,
        IReadOnlyList<(string Kind, int Checked, long Ambiguous, IReadOnlyList<string> Missing)> checks,
        bool passed)
    {
        var text = new StringBuilder();
        void Line(string line) => text.AppendLine(line);
        string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

        Line($"## Soak run {run}: {(passed ? "passed" : "FAILED")}");
        Line(string.Empty);
        Line($"{options.Silos} silos and an API host in client mode on PostgreSQL, {options.Workers} workers, {F(options.Duration.TotalSeconds, "0")} s, on {Environment.ProcessorCount} cores.");
        Line(string.Empty);
        Line("| Phase | Seconds | Requests | Requests/s | Failed | Error rate | p50 ms | p99 ms |");
        Line("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var phase in phases)
        {
            var seconds = Math.Max(phase.Elapsed.TotalSeconds, 0.001);
            Line($"| {phase.Name} | {F(seconds, "0")} | {phase.Requests} | {F(phase.Requests / seconds, "0.0")} | {phase.Failures} | {F(100 * phase.ErrorRate, "0.00")} % | {F(phase.Percentile(0.50), "0.0")} | {F(phase.Percentile(0.99), "0.0")} |");
        }

        Line(string.Empty);
        Line("Faults: " + (events.Count == 0 ? "none" : string.Join("; ", events)) + ".");
        foreach (var phase in phases.Where(phase => phase.Failures > 0))
        {
            Line($"- failures in {phase.Name}: {string.Join(", ", phase.TopFailures(5).Select(failure => $"{failure.Key} ×{failure.Value}"))}");
        }

        Line(string.Empty);
        Line("| Process | Resident at start MiB | Peak MiB | Last MiB | Samples (1/s) |");
        Line("|---|---:|---:|---:|---:|");
        foreach (var (name, figures) in memory.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            Line($"| {name} | {F(figures.First / 1048576.0, "0")} | {F(figures.Peak / 1048576.0, "0")} | {F(figures.Last / 1048576.0, "0")} | {figures.Samples} |");
        }

        Line(string.Empty);
        Line("| Acknowledged writes | Checked | Failed, either outcome allowed | Missing |");
        Line("|---|---:|---:|---:|");
        foreach (var check in checks)
        {
            Line($"| {check.Kind} | {check.Checked} | {check.Ambiguous} | {check.Missing.Count} |");
        }

        foreach (var missing in checks.SelectMany(check => check.Missing).Take(20))
        {
            Line($"- MISSING: {missing}");
        }

        if (phases[^1].ErrorRate > SoakRun.RecoveryErrorBudget)
        {
            Line($"- The recovery phase's error rate is over {F(100 * SoakRun.RecoveryErrorBudget, "0")} %: the cluster did not recover.");
        }

        return text.ToString();
    }
}
