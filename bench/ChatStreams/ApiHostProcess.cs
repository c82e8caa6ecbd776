using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Cluster.Benchmarks.ChatStreams;

/// <summary>The API host in its embedded mode (silo in the same process), as a child process configured for the benchmark.</summary>
internal sealed class ApiHostProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ApiHostProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public int Pid => _process.Id;

    /// <summary>Starts <paramref name="assembly"/> with the settings, and waits until <c>/health/ready</c> answers.</summary>
    public static async Task<ApiHostProcess> StartAsync(string assembly, IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(assembly);
        start.ArgumentList.Add($"--Urls={baseUrl}");
        start.ArgumentList.Add("--Logging:LogLevel:Default=Warning");
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        var process = Process.Start(start)!;
        DataReceivedEventHandler forward = (_, line) =>
        {
            if (line.Data is not null)
            {
                Console.Error.WriteLine("api-host: " + line.Data);
            }
        };
        process.OutputDataReceived += forward;
        process.ErrorDataReceived += forward;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient();
        for (var attempt = 0; attempt < 240; attempt++)
        {
            try
            {
                if ((await http.GetAsync(baseUrl + "/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return new ApiHostProcess(process, baseUrl);
                }
            }
            catch (HttpRequestException)
            {
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException($"The API host exited with {process.ExitCode} before it was ready.");
            }

            await Task.Delay(250);
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException("The API host was not ready within a minute.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
