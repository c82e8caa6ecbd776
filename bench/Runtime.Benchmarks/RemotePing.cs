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
/// Remote grain ping (a client process calling a silo process over loopback) against a bare length-prefixed TCP
/// echo of the same payload size at the same concurrency, each server in a child process of its own, same run.
/// Reports calls per second and latency percentiles.
/// </summary>
internal static class RemotePing
{
    private const int Port = 47_311;

    /// <summary>About the size of a ping request on the wire (header, names, method key, one int argument).</summary>
    private const int PayloadSize = 96;

    public static async Task RunAsync(TimeSpan duration, int concurrency)
    {
        Console.WriteLine($"remote ping: {concurrency} concurrent callers, {duration.TotalSeconds:F0} s each, payload ~{PayloadSize} B");
        var echo = await MeasureWithServerAsync("--serve-echo", () => EchoClientAsync(duration, concurrency));
        Report("bare TCP echo, a connection per caller (baseline)", echo, duration);
        var pipelined = await MeasureWithServerAsync("--serve-pipelined-echo", () => PipelinedEchoClientAsync(duration, concurrency));
        Report("pipelined TCP echo, one shared connection (stricter baseline)", pipelined, duration);
        var grain = await MeasureWithServerAsync("--serve-silo", () => GrainClientAsync(duration, concurrency));
        Report("remote grain ping", grain, duration);
        Console.WriteLine($"ratio (grain / echo throughput): {(double)grain.Count / echo.Count:P0}; grain / pipelined echo: {(double)grain.Count / pipelined.Count:P0}");
    }

    public static Task ServePipelinedEchoAsync() => PipelinedEcho.ServeAsync(Port, 4 + PayloadSize);

    public static async Task ServeSiloAsync()
    {
        await using var silo = await TestSilo.StartAsync(configureSilo: builder => builder.AddGateway(options => options.Port = Port));
        Console.WriteLine("ready");
        await Task.Delay(Timeout.Infinite);
    }

    public static Task ServeEchoAsync() => LoopbackServer.ServeAsync(Port, async stream =>
    {
        var buffer = new byte[4 + PayloadSize];
        while (true)
        {
            await stream.ReadExactlyAsync(buffer);
            await stream.WriteAsync(buffer);
        }
    });

    private static async Task<List<double>> MeasureWithServerAsync(string serverMode, Func<Task<List<double>>> measure)
    {
        // Started like this process: through the apphost, or through 'dotnet <dll>'.
        var host = Environment.ProcessPath!;
        string[] arguments = Path.GetFileNameWithoutExtension(host) == "dotnet" ? [typeof(RemotePing).Assembly.Location, serverMode] : [serverMode];
        using var server = Process.Start(new ProcessStartInfo(host, arguments) { RedirectStandardOutput = true, UseShellExecute = false })!;
        while (await server.StandardOutput.ReadLineAsync() is { } line && line != "ready")
        {
        }

        try
        {
            return await measure();
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static async Task<List<double>> EchoClientAsync(TimeSpan duration, int concurrency)
    {
        var sockets = new List<NetworkStream>();
        for (var i = 0; i < concurrency; i++)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(IPAddress.Loopback, Port);
            sockets.Add(new NetworkStream(socket, ownsSocket: true));
        }

        var result = await RunLoopsAsync(duration, sockets.Select<NetworkStream, Func<Task>>(stream =>
        {
            var buffer = new byte[4 + PayloadSize];
            return async () =>
            {
                await stream.WriteAsync(buffer);
                await stream.ReadExactlyAsync(buffer);
            };
        }).ToList());
        sockets.ForEach(stream => stream.Dispose());
        return result;
    }

    private static async Task<List<double>> PipelinedEchoClientAsync(TimeSpan duration, int concurrency)
    {
        await using var connection = await PipelinedEcho.ConnectAsync(Port, 4 + PayloadSize);
        return await RunLoopsAsync(duration, Enumerable.Range(0, concurrency).Select<int, Func<Task>>(_ => connection.CallAsync).ToList());
    }

    private static async Task<List<double>> GrainClientAsync(TimeSpan duration, int concurrency)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseClusterClient(options => options.Gateways.Add($"127.0.0.1:{Port}"));
        using var host = builder.Build();
        await host.StartAsync();
        var client = host.Services.GetRequiredService<IClusterClient>();
        var grains = Enumerable.Range(0, concurrency).Select(i => client.GetGrain<IBenchGrain>(i)).ToList();
        var result = await RunLoopsAsync(duration, grains.Select<IBenchGrain, Func<Task>>(grain => () => grain.PingAsync(1)).ToList());
        await host.StopAsync();
        return result;
    }

    /// <summary>Runs each operation in its own loop: a short warm-up, then the measured period; returns every latency in µs.</summary>
    private static async Task<List<double>> RunLoopsAsync(TimeSpan duration, IReadOnlyList<Func<Task>> operations)
    {
        var warmUp = DateTime.UtcNow + TimeSpan.FromSeconds(2);
        var end = warmUp + duration;
        var perLoop = await Task.WhenAll(operations.Select(operation => Task.Run(async () =>
        {
            var latencies = new List<double>(200_000);
            while (DateTime.UtcNow < end)
            {
                var start = Stopwatch.GetTimestamp();
                await operation();
                if (DateTime.UtcNow >= warmUp)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                }
            }

            return latencies;
        })));
        return [.. perLoop.SelectMany(latencies => latencies)];
    }

    private static void Report(string name, List<double> latencies, TimeSpan duration)
    {
        latencies.Sort();
        double Percentile(double p) => latencies[(int)Math.Min(latencies.Count - 1, p * latencies.Count)];
        Console.WriteLine($"{name}: {latencies.Count / duration.TotalSeconds:N0} calls/s, p50 {Percentile(0.50):F0} µs, p99 {Percentile(0.99):F0} µs");
    }
}
