using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Cluster.Runtime.Diagnostics;
using Cluster.Runtime.Testing;

namespace Cluster.ApiHost.Tests.Tracing;

public sealed class TraceTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public TraceTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is RuntimeTracing.SourceName or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task HttpRequest_ThroughAGrainToStorage_IsOneTrace()
    {
        await using var factory = new EmbeddedApiHostFactory(EmbeddedApiHostFactory.NewDatabasePath());
        using var client = factory.CreateClient();
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/demo/counters/t-{Guid.NewGuid():N}/increment")
        {
            Content = JsonContent.Create(new { amount = 1 }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        using var response = await client.SendAsync(request);
        var trace = await SpansOfAsync(traceId, 3);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var http = Assert.Single(trace, span => span.Source.Name == "Microsoft.AspNetCore");
        var call = Assert.Single(trace, span => span.OperationName == "Cluster.Grains.Interfaces.Demo.ICounterGrain/IncrementAsync");
        var write = Assert.Single(trace, span => span.OperationName == "storage write");
        Assert.Equal(ActivityKind.Server, call.Kind);
        Assert.Equal(http.SpanId, call.ParentSpanId);
        Assert.Equal(call.SpanId, write.ParentSpanId);
        Assert.Equal("counter", call.GetTagItem("cluster.grain.type"));
        Assert.Equal(ActivityStatusCode.Unset, call.Status);
    }

    // Spans stop as their work ends, the grain's a moment after the response may have been read.
    private async Task<List<Activity>> SpansOfAsync(ActivityTraceId traceId, int count)
    {
        await Eventually.WaitUntilAsync(
            () => Task.FromResult(_stopped.Count(span => span.TraceId == traceId) >= count), TimeSpan.FromSeconds(10), $"{count} spans of the trace to end");
        return [.. _stopped.Where(span => span.TraceId == traceId)];
    }
}
