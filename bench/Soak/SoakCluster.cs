using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Cluster.Benchmarks.Soak;

/// <summary>
/// The cluster under test: silo processes and one API host in client mode on PostgreSQL, started as
/// scripts/run-cluster.sh starts them, each silo restartable on its own ports (a restart is a new generation).
/// </summary>
internal sealed class SoakCluster : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly SoakOptions _options;
    private readonly string _logDirectory;
    private readonly string _clusterId = $"soak-{Guid.NewGuid():N}"[..13];
    private readonly ChildProcess?[] _silos;
    private readonly int[] _starts;
    private readonly (int Gateway, int Http)[] _ports;
    private readonly List<ChildProcess> _everyProcess = [];
    private readonly Lock _gate = new();

    public SoakCluster(SoakOptions options, string logDirectory)
    {
        _options = options;
        _logDirectory = logDirectory;
        _silos = new ChildProcess?[options.Silos];
        _starts = new int[options.Silos];
        _ports = [.. Enumerable.Range(0, options.Silos).Select(_ => (FreePort(), FreePort()))];
        ApiPort = FreePort();
    }

    public int ApiPort { get; }

    public string BaseUrl => $"http://127.0.0.1:{ApiPort}";

    public ChildProcess ApiHost { get; private set; } = null!;

    /// <summary>Every process started so far, the exited ones too, for the memory report.</summary>
    public IReadOnlyList<ChildProcess> EveryProcess
    {
        get
        {
            lock (_gate)
            {
                return [.. _everyProcess];
            }
        }
    }

    public async Task StartAsync()
    {
        await Task.WhenAll(Enumerable.Range(0, _silos.Length).Select(StartSiloAsync));
        var environment = Shared();
        environment["Cluster__Mode"] = "Client";
        environment["Urls"] = BaseUrl;

        // Every worker signs in from this one address: the per-address limits would otherwise be what is measured.
        foreach (var policy in (string[])["api", "login", "register", "guest", "password-reset"])
        {
            environment[$"RateLimiting__Policies__{policy}__Limit"] = "100000000";
        }

        environment["Chat__Quota__RegularMessages"] = "100000";
        ApiHost = Track(ChildProcess.Start("api-host", _options.ApiHostAssembly, environment, BaseUrl + "/health/ready", _logDirectory));
        await ApiHost.WaitReadyAsync(Patience);
    }

    /// <summary>Makes <paramref name="email"/> an administrator with the API host's admin command, as an operator would.</summary>
    public async Task GrantAdminAsync(string email)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[_options.ApiHostAssembly, "admin", "grant", email])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in Shared())
        {
            start.Environment[key] = value;
        }

        start.Environment["Cluster__Mode"] = "Client";
        using var command = System.Diagnostics.Process.Start(start)!;
        var output = command.StandardOutput.ReadToEndAsync();
        var errors = command.StandardError.ReadToEndAsync();
        await command.WaitForExitAsync();
        if (command.ExitCode != 0)
        {
            throw new InvalidOperationException($"admin grant {email} exited with {command.ExitCode}: {await output}{await errors}");
        }
    }

    /// <summary>Kills silo <paramref name="index"/> (SIGKILL), or stops it gracefully (SIGTERM).</summary>
    public async Task EndSiloAsync(int index, bool kill)
    {
        var silo = _silos[index] ?? throw new InvalidOperationException($"Silo {index} is not running.");
        _silos[index] = null;
        if (kill)
        {
            await silo.KillAsync();
        }
        else
        {
            await silo.StopAsync(TimeSpan.FromSeconds(60));
        }
    }

    /// <summary>Starts silo <paramref name="index"/> again (or for the first time) on its ports and waits until it is ready.</summary>
    public async Task StartSiloAsync(int index)
    {
        var environment = Shared();
        environment["Gateway__Port"] = _ports[index].Gateway.ToString(CultureInfo.InvariantCulture);
        environment["Urls"] = $"http://127.0.0.1:{_ports[index].Http}";
        environment["Chat__Local__WordsPerSecond"] = "400";
        environment["Chat__Local__ReplyWords"] = "20";
        environment["Configs__Retention"] = "10000";
        var start = Interlocked.Increment(ref _starts[index]);
        var silo = Track(ChildProcess.Start($"silo-{index} (start {start})", _options.SiloAssembly, environment, $"http://127.0.0.1:{_ports[index].Http}/health/ready", _logDirectory));
        _silos[index] = silo;
        await silo.WaitReadyAsync(Patience);
    }

    public async ValueTask DisposeAsync()
    {
        // The API host first, then the silos, as an orderly shutdown would; whatever does not stop is killed.
        foreach (var process in EveryProcess.OrderBy(process => process == ApiHost ? 0 : 1))
        {
            if (!process.HasExited)
            {
                try
                {
                    await process.StopAsync(TimeSpan.FromSeconds(30));
                }
                catch (TimeoutException)
                {
                }
            }

            await process.DisposeAsync();
        }
    }

    private Dictionary<string, string> Shared() => new(StringComparer.Ordinal)
    {
        ["Storage__Provider"] = "Postgres",
        ["Storage__Postgres__ConnectionString"] = _options.Postgres,
        ["Membership__Postgres__ConnectionString"] = _options.Postgres,
        ["Membership__Postgres__ClusterId"] = _clusterId,
        ["Identity__PasswordHashing__Iterations"] = "100000",
        ["Logging__LogLevel__Default"] = "Warning",
        ["DOTNET_gcServer"] = "0",
    };

    private ChildProcess Track(ChildProcess process)
    {
        lock (_gate)
        {
            _everyProcess.Add(process);
        }

        return process;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
