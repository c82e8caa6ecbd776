using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Cluster.Benchmarks.ChatStreams;

/// <summary>
/// An OpenAI-compatible <c>/v1/chat/completions</c> that streams a fixed number of content deltas at a fixed rate.
/// Each delta is <c>&lt;Stopwatch timestamp of its write&gt;|&lt;index&gt;;</c>: the clients measure each chunk's
/// latency from it (one machine, one monotonic clock) and check that none is lost or reordered.
/// </summary>
internal sealed class FakeProvider(int chunks, int chunksPerSecond) : IAsyncDisposable
{
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = string.Empty;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/v1/chat/completions", StreamAsync);
        await _app.StartAsync();
        BaseUrl = _app.Urls.First() + "/v1";
    }

    private async Task StreamAsync(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        await response.StartAsync(context.RequestAborted);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / chunksPerSecond));
        var line = new StringBuilder(128);
        for (var index = 0; index < chunks; index++)
        {
            await timer.WaitForNextTickAsync(context.RequestAborted);
            line.Clear()
                .Append("data: {\"id\":\"bench\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"")
                .Append(Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture)).Append('|')
                .Append(index.ToString(CultureInfo.InvariantCulture)).Append(";\"},\"finish_reason\":null}]}\n\n");
            await response.WriteAsync(line.ToString(), context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
        }

        await response.WriteAsync("data: {\"id\":\"bench\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n", context.RequestAborted);
        await response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
