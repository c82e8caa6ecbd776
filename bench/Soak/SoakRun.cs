using System.Diagnostics;

namespace Cluster.Benchmarks.Soak;

/// <summary>
/// One soak run: start the cluster, put the mixed load on it through five phases (warm-up, a silo killed and
/// restarted, a silo stopped gracefully and restarted, PostgreSQL restarted, recovery), then check every acknowledged
/// write and report. It passes when no acknowledged write is missing and the recovery phase's error rate is at most
/// <see cref="RecoveryErrorBudget"/>.
/// </summary>
internal static class SoakRun
{
    public const double RecoveryErrorBudget = 0.01;

    private static readonly (string Name, double Share)[] Phases =
    [
        ("warm-up", 0.15), ("silo killed (SIGKILL) and restarted", 0.20), ("silo stopped (SIGTERM) and restarted", 0.15),
        ("PostgreSQL restarted", 0.20), ("recovery", 0.30),
    ];

    public static async Task<int> RunAsync(SoakOptions options)
    {
        var logs = Directory.CreateTempSubdirectory("cluster-soak-").FullName;
        var run = $"soak{DateTime.UtcNow:HHmmss}{Random.Shared.Next(1000):000}";
        Console.WriteLine($"Soak run {run}: {options.Silos} silos, {options.Workers} workers, {options.Duration.TotalSeconds:0} s; process logs in {logs}");
        await using var cluster = new SoakCluster(options, logs);
        await cluster.StartAsync();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { BaseAddress = new Uri(cluster.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var api = new SoakClient(http);
        var ledger = new Ledger();
        var workload = new Workload(api, ledger, run);
        await workload.RegisterAdminAsync();
        await cluster.GrantAdminAsync(workload.AdminEmail);
        await workload.SignInAdminAsync();

        var stats = Phases.Select(phase => new PhaseStats(phase.Name)).ToArray();
        var current = 0;
        using var stop = new CancellationTokenSource();
        var memory = new MemorySampler(cluster);
        var sampling = memory.RunAsync(stop.Token);
        var workers = Enumerable.Range(0, options.Workers).Select(index => Task.Run(() => workload.RunWorkerAsync(index, () => stats[Volatile.Read(ref current)], stop.Token))).ToList();
        var events = new List<string>();
        for (var index = 0; index < Phases.Length; index++)
        {
            Volatile.Write(ref current, index);
            var length = options.Duration * Phases[index].Share;
            var clock = Stopwatch.StartNew();
            Console.WriteLine($"Phase {index + 1}/{Phases.Length}: {Phases[index].Name} ({length.TotalSeconds:0} s)");
            events.AddRange(await FaultAsync(index, cluster, options, length));
            var rest = length - clock.Elapsed;
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest);
            }

            stats[index].Elapsed = clock.Elapsed;
        }

        await stop.CancelAsync();
        await Task.WhenAll(workers);
        await sampling;

        await workload.SignInAdminAsync();
        var tokens = new Dictionary<int, string>();
        var verifier = new Verifier(api, ledger);
        var checks = await verifier.VerifyAsync(workload.AdminToken, async worker =>
            tokens.TryGetValue(worker, out var token) ? token : tokens[worker] = (await api.LoginAsync($"{run}-w{worker}@soak.example")).AccessToken);

        var passed = checks.All(check => check.Missing.Count == 0) && stats[^1].ErrorRate <= RecoveryErrorBudget && stats.All(phase => phase.Requests > phase.Failures);
        var report = SoakReport.Write(options, run, stats, events, memory.Figures, checks, passed);
        Console.WriteLine(report);
        if (options.ReportPath is { } path)
        {
            await File.WriteAllTextAsync(path, report);
        }

        Console.WriteLine($"Soak: {(passed ? "PASSED" : "FAILED")} (process logs in {logs})");
        return passed ? 0 : 1;
    }

    // The fault of each phase, started at its beginning; returns what happened, with how long it took.
    private static async Task<IReadOnlyList<string>> FaultAsync(int phase, SoakCluster cluster, SoakOptions options, TimeSpan length)
    {
        var clock = Stopwatch.StartNew();
        switch (phase)
        {
            case 1:
                await cluster.EndSiloAsync(0, kill: true);
                var killed = clock.Elapsed;
                await Task.Delay(Min(length / 3, TimeSpan.FromSeconds(10)));
                await cluster.StartSiloAsync(0);
                return [$"silo-0 killed at +{killed.TotalSeconds:0.0} s, ready again at +{clock.Elapsed.TotalSeconds:0.0} s"];
            case 2:
                await cluster.EndSiloAsync(1, kill: false);
                var stopped = clock.Elapsed;
                await Task.Delay(TimeSpan.FromSeconds(2));
                await cluster.StartSiloAsync(1);
                return [$"silo-1 stopped gracefully in {stopped.TotalSeconds:0.0} s, ready again at +{clock.Elapsed.TotalSeconds:0.0} s"];
            case 3:
                using (var restart = Process.Start("/bin/bash", ["-c", options.PostgresRestart]))
                {
                    await restart.WaitForExitAsync();
                    if (restart.ExitCode != 0)
                    {
                        throw new InvalidOperationException($"The PostgreSQL restart command exited with {restart.ExitCode}: {options.PostgresRestart}");
                    }
                }

                return [$"PostgreSQL restarted in {clock.Elapsed.TotalSeconds:0.0} s"];
            default:
                return [];
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
