using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cluster.Silo.Tests;

/// <summary>
/// The silo program (Cluster.Silo.dll, built with this test project) running in a process of its own, configured by
/// environment variables as a deployment would be. <see cref="Kill"/> ends it with SIGKILL: no shutdown code runs.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(Process process, int gatewayPort)
    {
        _process = process;
        GatewayPort = gatewayPort;
        _process.OutputDataReceived += (_, line) => Append(line.Data);
        _process.ErrorDataReceived += (_, line) => Append(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int GatewayPort { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The process's last output lines, for failure messages.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static SiloProcess Start(string connectionString, string clusterId, int gatewayPort = 0, IReadOnlyDictionary<string, string>? settings = null)
    {
        // Each silo has pools for storage, membership and the directory; small ones keep several silos and the other
        // test assemblies running alongside within the test server's connection limit.
        connectionString = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 10 }.ConnectionString;
        var port = gatewayPort == 0 ? FreePort() : gatewayPort;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Cluster.Silo.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = start.Environment;
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["Urls"] = "http://127.0.0.1:0";
        environment["Gateway__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["Storage__Provider"] = "Postgres";
        environment["Storage__Postgres__ConnectionString"] = connectionString;
        environment["Membership__Postgres__ConnectionString"] = connectionString;
        environment["Membership__Postgres__ClusterId"] = clusterId;
        environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return new SiloProcess(Process.Start(start) ?? throw new InvalidOperationException("The silo process did not start."), port);
    }

    /// <summary>SIGKILL, as <c>kill -9</c>: the silo writes nothing more and its sockets are reset by the kernel.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: the silo stops gracefully, as under an orchestrator.
            using var terminate = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                Kill();
            }
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            if (_output.Length > 20_000)
            {
                _output.Remove(0, _output.Length - 10_000);
            }
        }
    }
}
