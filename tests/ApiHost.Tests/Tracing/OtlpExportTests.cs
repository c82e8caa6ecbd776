using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Cluster.ApiHost.Tests.Tracing;

public sealed class OtlpExportTests
{
    [Fact]
    public async Task OtlpEndpointSet_TracesAndMetricsArePostedToTheCollector()
    {
        await using var collector = await OtlpCollector.StartAsync();
        await using var factory = new EmbeddedApiHostFactory(EmbeddedApiHostFactory.NewDatabasePath()).WithWebHostBuilder(builder => builder
            .UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", collector.BaseUrl)
            .UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
            .UseSetting("OTEL_BSP_SCHEDULE_DELAY", "100")
            .UseSetting("OTEL_METRIC_EXPORT_INTERVAL", "500"));
        using var client = factory.CreateClient();
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/demo/counters/o-{Guid.NewGuid():N}/increment")
        {
            Content = JsonContent.Create(new { amount = 1 }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        using var response = await client.SendAsync(request);
        var traces = await collector.WaitForAsync("/v1/traces", body => Contains(body, "ICounterGrain/IncrementAsync"u8) && Contains(body, Convert.FromHexString(traceId.ToHexString())));
        var metrics = await collector.WaitForAsync("/v1/metrics", body => Contains(body, "cluster.grain.call.duration"u8));

        Assert.True(response.IsSuccessStatusCode);
        Assert.True(traces, "no OTLP trace export held the grain call's span with the request's trace id");
        Assert.True(metrics, "no OTLP metrics export held cluster.grain.call.duration");
    }

    private static bool Contains(byte[] body, ReadOnlySpan<byte> part) => body.AsSpan().IndexOf(part) >= 0;

    // An OTLP/HTTP receiver on a loopback port that keeps the protobuf bodies it is sent.
    private sealed class OtlpCollector(WebApplication app, string baseUrl, ConcurrentQueue<(string Path, byte[] Body)> received) : IAsyncDisposable
    {
        public string BaseUrl => baseUrl;

        public static async Task<OtlpCollector> StartAsync()
        {
            var received = new ConcurrentQueue<(string Path, byte[] Body)>();
            var (app, address) = await LoopbackServer.StartAsync(app => app.MapPost("/v1/{signal}", async (HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                received.Enqueue((context.Request.Path.Value!, body.ToArray()));
                return Results.Ok();
            }));
            return new OtlpCollector(app, address, received);
        }

        public async Task<bool> WaitForAsync(string path, Func<byte[], bool> match)
        {
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(20))
            {
                if (received.Any(entry => entry.Path == path && match(entry.Body)))
                {
                    return true;
                }

                await Task.Delay(100);
            }

            return false;
        }

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }
}
