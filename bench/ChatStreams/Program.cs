using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Cluster.Benchmarks.ChatStreams;

// Usage: ChatStreams <Cluster.ApiHost.dll> [streams=1000] [seconds=10] [chunks per second=50] [storage=sqlite|<PostgreSQL connection string>]
// Runs the streams twice from one provider: straight from it to the clients (the baseline), then through the API host.
var assembly = args[0];
var streams = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
var rate = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 50;
var storage = args.Length > 4 ? args[4] : "sqlite";
var chunks = seconds * rate;

await using var provider = new FakeProvider(chunks, rate);
await provider.StartAsync();
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
{
    Timeout = TimeSpan.FromMinutes(5),
};

var providerRequest = JsonSerializer.Serialize(new { model = "bench", stream = true, messages = new[] { new { role = "user", content = "bench" } } });
var baseline = await RunAsync("direct", streams, _ =>
    http.SendAsync(new HttpRequestMessage(HttpMethod.Post, provider.BaseUrl + "/chat/completions") { Content = new StringContent(providerRequest, null, "application/json") }, HttpCompletionOption.ResponseHeadersRead),
    "\"content\":\"", pid: null);

var data = Path.Combine(Path.GetTempPath(), $"chat-streams-{Guid.NewGuid():N}");
var settings = new Dictionary<string, string>
{
    ["Chat:Models:bench:Name"] = "Benchmark provider",
    ["Chat:Models:bench:Provider"] = "OpenAI",
    ["Chat:Models:bench:ProviderModel"] = "bench",
    ["Chat:Models:title:Name"] = "Titles",
    ["Chat:TitleModel"] = "title",
    ["Chat:OpenAI:BaseUrl"] = provider.BaseUrl,
    ["Chat:OpenAI:MaxRetries"] = "0",
    ["Chat:Quota:RegularMessages"] = "100000",
    ["RateLimiting:Enabled"] = "false",
    ["Identity:PasswordHashing:Iterations"] = "100000",
};
if (storage == "sqlite")
{
    settings["Storage:Sqlite:FilePath"] = Path.Combine(data, "cluster.db");
}
else
{
    settings["Storage:Provider"] = "Postgres";
    settings["Storage:Postgres:ConnectionString"] = storage;
}

await using var host = await ApiHostProcess.StartAsync(assembly, settings);
var tokens = new List<string>();
// Five streams per user, as users keep a few chats going at once; each user's quota grain takes their messages one at a time.
for (var user = 0; user < Math.Max(1, streams / 5); user++)
{
    var registered = await http.PostAsJsonAsync(host.BaseUrl + "/api/auth/register", new { email = $"bench{user}.{Guid.NewGuid():N}@example.com", password = "correct horse battery staple" });
    tokens.Add((await registered.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!);
}

Task<HttpResponseMessage> PostChat(int stream)
{
    var body = JsonSerializer.Serialize(new
    {
        id = Guid.NewGuid(),
        message = new { id = Guid.NewGuid().ToString(), role = "user", parts = new[] { new { type = "text", text = "bench" } } },
        selectedChatModel = "bench",
        selectedVisibilityType = "private",
    });
    var request = new HttpRequestMessage(HttpMethod.Post, host.BaseUrl + "/api/chat") { Content = new StringContent(body, null, "application/json") };
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[stream % tokens.Count]);
    return http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
}

await RunAsync("warm-up", Math.Min(100, streams), PostChat, "\"delta\":\"", pid: null);
var platform = await RunAsync("through the API host", streams, PostChat, "\"delta\":\"", host.Pid);

var added = Percentile(platform.Latencies, 0.99) - Percentile(baseline.Latencies, 0.99);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"platform-added latency per chunk: p50 {Percentile(platform.Latencies, 0.5) - Percentile(baseline.Latencies, 0.5):F2} ms, p99 {added:F2} ms (target p99 <= 5 ms)"));
if (Directory.Exists(data))
{
    Directory.Delete(data, recursive: true);
}

// Starts the streams spread over one second (as users arrive, not all in one instant), reads them all, and prints
// their latency percentiles and, for the API host, its CPU and memory per stream over the run.
async Task<Run> RunAsync(string name, int count, Func<int, Task<HttpResponseMessage>> open, string contentKey, int? pid)
{
    var idleBytes = pid is { } idle ? ProcessSampler.ResidentBytes(idle) : 0;
    var cpuBefore = pid is { } before ? ProcessSampler.CpuTime(before) : TimeSpan.Zero;
    var peakBytes = idleBytes;
    using var sampling = new CancellationTokenSource();
    var sampler = pid is { } sampled ? Task.Run(async () =>
    {
        while (!sampling.IsCancellationRequested)
        {
            peakBytes = Math.Max(peakBytes, ProcessSampler.ResidentBytes(sampled));
            await Task.Delay(250);
        }
    }) : Task.CompletedTask;
    var wall = Stopwatch.StartNew();
    var tasks = Enumerable.Range(0, count).Select(async stream =>
    {
        await Task.Delay(TimeSpan.FromSeconds((double)stream / count));
        using var response = await open(stream);
        return await StreamReading.ReadAsync(response, chunks, contentKey);
    }).ToList();
    var latencies = (await Task.WhenAll(tasks)).SelectMany(stream => stream).Select(ticks => ticks * 1000.0 / Stopwatch.Frequency).ToArray();
    wall.Stop();
    await sampling.CancelAsync();
    await sampler;
    Array.Sort(latencies);
    var line = string.Create(CultureInfo.InvariantCulture,
        $"{name}: {count} streams x {chunks} chunks, all in order; latency p50 {Percentile(latencies, 0.5):F2} ms, p90 {Percentile(latencies, 0.9):F2} ms, p99 {Percentile(latencies, 0.99):F2} ms, max {latencies[^1]:F2} ms; {wall.Elapsed.TotalSeconds:F1} s");
    if (pid is { } measured)
    {
        var cpu = ProcessSampler.CpuTime(measured) - cpuBefore;
        line += string.Create(CultureInfo.InvariantCulture,
            $"; API host CPU {cpu.TotalSeconds / wall.Elapsed.TotalSeconds * 100:F0} % of a core ({cpu.TotalMilliseconds / count / wall.Elapsed.TotalSeconds:F2} ms per stream per second), memory {(peakBytes - idleBytes) / 1024.0 / count:F0} KiB per stream (peak RSS {peakBytes / 1048576.0:F0} MiB)");
    }

    Console.WriteLine(line);
    return new Run(latencies);
}

static double Percentile(double[] sorted, double quantile) => sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))];

internal sealed record Run(double[] Latencies);
