using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Cluster.Runtime.Benchmarks.Grains;
using Cluster.Runtime.Client;
using Cluster.Runtime.Core;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cluster.Runtime.Benchmarks;

/// <summary>
/// Silos of one PostgreSQL-coordinated cluster, each a child process running this program with <c>--cluster-silo</c>
/// (optionally pinned to one core with taskset), and a client in this process that finds them in the membership table.
/// </summary>
internal sealed class ClusterProcesses : IAsyncDisposable
{
    private readonly List<Process> _silos = [];
    private readonly string _connectionString;
    private readonly string _clusterId = $"bench-{Guid.NewGuid():N}";
    private IHost? _client;

    public ClusterProcesses(string connectionString) => _connectionString = connectionString;

    public IClusterClient Client => _client!.Services.GetRequiredService<IClusterClient>();

    public IReadOnlyList<Process> Silos => _silos;

    /// <summary>Runs a silo of the cluster in this process until it is killed; the child side of <see cref="StartSiloAsync"/>.</summary>
    public static async Task ServeAsync(string connectionString, string clusterId, int port)
    {
        await using var silo = await TestSilo.StartAsync(configureSilo: builder =>
        {
            builder.AddGateway(options => options.Port = port);
            builder.AddPostgresClustering(options =>
            {
                options.ConnectionString = connectionString;
                options.ClusterId = clusterId;
            });
        });
        Console.WriteLine("ready");

        // Commands from the benchmark on standard input: "load <callers> <rounds> <warm-up s> <measured s>" runs that
        // many callers inside this silo and answers "count <calls in the measured period>".
        while (Console.ReadLine() is { } command)
        {
            if (command.Split(' ') is ["load", var callers, var rounds, var warmUp, var measured])
            {
                var calls = await RunLoadAsync(
                    silo.GrainFactory,
                    int.Parse(callers, System.Globalization.CultureInfo.InvariantCulture),
                    int.Parse(rounds, System.Globalization.CultureInfo.InvariantCulture),
                    TimeSpan.FromSeconds(int.Parse(warmUp, System.Globalization.CultureInfo.InvariantCulture)),
                    TimeSpan.FromSeconds(int.Parse(measured, System.Globalization.CultureInfo.InvariantCulture)));
                Console.WriteLine($"count {calls}");
            }
        }

        await Task.Delay(Timeout.Infinite);
    }

    /// <summary>Callers each calling a random one of the benchmark's grains, wherever it is activated; returns the calls made after the warm-up.</summary>
    public static async Task<long> RunLoadAsync(IGrainFactory factory, int callers, int rounds, TimeSpan warmUp, TimeSpan measured)
    {
        var grains = Enumerable.Range(0, ClusterBenchmarks.Grains).Select(key => factory.GetGrain<IBenchGrain>(key)).ToList();
        var measuring = DateTime.UtcNow + warmUp;
        var end = measuring + measured;
        var counts = await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            var random = new Random(caller);
            long calls = 0;
            while (DateTime.UtcNow < end)
            {
                await grains[random.Next(grains.Count)].WorkAsync(rounds);
                if (DateTime.UtcNow >= measuring)
                {
                    calls++;
                }
            }

            return calls;
        })));
        return counts.Sum();
    }

    /// <summary>Has every silo run <paramref name="callersPerSilo"/> callers at once, and returns the calls they made in the measured period.</summary>
    public async Task<long> RunLoadInSilosAsync(int callersPerSilo, int rounds, TimeSpan warmUp, TimeSpan measured)
    {
        var command = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"load {callersPerSilo} {rounds} {warmUp.TotalSeconds:0} {measured.TotalSeconds:0}");
        foreach (var silo in _silos)
        {
            await silo.StandardInput.WriteLineAsync(command);
            await silo.StandardInput.FlushAsync();
        }

        var clock = Stopwatch.StartNew();
        var cpuBefore = _silos.Select(silo => silo.TotalProcessorTime).ToList();
        long total = 0;
        foreach (var silo in _silos)
        {
            while (await silo.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("count ", StringComparison.Ordinal))
                {
                    total += long.Parse(line["count ".Length..], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                }
            }
        }

        // Idle time in a pinned silo is throughput the cluster left on the table.
        var busy = _silos.Select((silo, i) => ((silo.TotalProcessorTime - cpuBefore[i]) / clock.Elapsed).ToString("P0", System.Globalization.CultureInfo.InvariantCulture));
        Console.WriteLine($"  silo CPU busy over warm-up and measurement: {string.Join(", ", busy)}");
        return total;
    }

    /// <summary>Starts a silo process, pinned to <paramref name="core"/> when given, and waits until it has joined.</summary>
    public async Task StartSiloAsync(int? core = null)
    {
        var self = Environment.ProcessPath!;
        List<string> command = Path.GetFileNameWithoutExtension(self) == "dotnet" ? [self, typeof(ClusterProcesses).Assembly.Location] : [self];
        command.AddRange(["--cluster-silo", _connectionString, _clusterId, FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        if (core is { } pinned)
        {
            command.InsertRange(0, ["taskset", "-c", pinned.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        var process = Process.Start(new ProcessStartInfo(command[0], command.Skip(1)) { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false })!;
        _silos.Add(process);
        while (await process.StandardOutput.ReadLineAsync() is { } line && line != "ready")
        {
        }
    }

    /// <summary>Starts the client once the silos are up; it connects to every Active silo's gateway.</summary>
    public async Task StartClientAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseClusterClient();
        builder.AddPostgresGatewayDiscovery(options =>
        {
            options.ConnectionString = _connectionString;
            options.ClusterId = _clusterId;
        });
        _client = builder.Build();
        await _client.StartAsync();
    }

    /// <summary>SIGKILL, as <c>kill -9</c>.</summary>
    public void Kill(int silo)
    {
        _silos[silo].Kill(entireProcessTree: true);
        _silos[silo].WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }

        foreach (var silo in _silos)
        {
            if (!silo.HasExited)
            {
                silo.Kill(entireProcessTree: true);
                await silo.WaitForExitAsync();
            }

            silo.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
