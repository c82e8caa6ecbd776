using System.Collections.Concurrent;
using System.Diagnostics;
using Cluster.Runtime.Diagnostics;
using Cluster.Runtime.Testing;
using Cluster.Runtime.Tests.Grains;
using Cluster.Runtime.Tests.Infrastructure;
using Cluster.Runtime.Tests.Storage;

namespace Cluster.Runtime.Tests.Diagnostics;

public sealed class TracePropagationTests : IClassFixture<PostgresDatabaseFixture>, IDisposable
{
    private readonly PostgresDatabaseFixture _database;
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public TracePropagationTests(PostgresDatabaseFixture database)
    {
        _database = database;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RuntimeTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task Call_FromAClientOverTheGateway_SiloSpanAndItsStorageWriteJoinTheCallersTrace()
    {
        await using var cluster = await TestCluster.StartAsync(options =>
        {
            options.ConnectionString = _database.ConnectionString;
            options.InitialSilos = 1;
        });
        var client = await cluster.CreateClientAsync();
        using var caller = new Activity("caller") { ActivityTraceFlags = ActivityTraceFlags.Recorded }.SetIdFormat(ActivityIdFormat.W3C).Start();

        await client.GetGrain<ILedgerGrain>(Probe.NewKey("ledger")).AppendAsync(1);
        caller.Stop();
        var spans = await SpansOfAsync(caller.TraceId, 2);

        var call = Assert.Single(spans, span => span.OperationName.EndsWith("ILedgerGrain/AppendAsync", StringComparison.Ordinal));
        var write = Assert.Single(spans, span => span.OperationName == "storage write");
        Assert.Equal(caller.SpanId, call.ParentSpanId);
        Assert.True(call.HasRemoteParent);
        Assert.Equal(call.SpanId, write.ParentSpanId);
    }

    [Fact]
    public void WithCurrentTrace_NoCurrentActivity_LeavesTheContextAlone()
    {
        var previous = Activity.Current;
        Activity.Current = null;
        try
        {
            Assert.Null(RuntimeTracing.WithCurrentTrace(null));
        }
        finally
        {
            Activity.Current = previous;
        }
    }

    [Fact]
    public void WithCurrentTrace_UnrecordedLocalActivity_IsNotPassedOn()
    {
        using var unrecorded = new Activity("per-request").SetIdFormat(ActivityIdFormat.W3C).Start();

        var context = RuntimeTracing.WithCurrentTrace(null);

        Assert.Null(context);
    }

    [Fact]
    public void WithCurrentTrace_LongTraceState_PassesTheParentWithoutIt()
    {
        using var recorded = new Activity("recorded") { ActivityTraceFlags = ActivityTraceFlags.Recorded, TraceStateString = "k=" + new string('v', 600) }
            .SetIdFormat(ActivityIdFormat.W3C).Start();

        var context = RuntimeTracing.WithCurrentTrace(null);

        Assert.Equal(recorded.Id, context?.Find(RuntimeTracing.TraceParentKey));
        Assert.Null(context?.Find(RuntimeTracing.TraceStateKey));
    }

    private async Task<List<Activity>> SpansOfAsync(ActivityTraceId traceId, int count)
    {
        await Eventually.WaitUntilAsync(
            () => Task.FromResult(_stopped.Count(span => span.TraceId == traceId) >= count), TimeSpan.FromSeconds(10), $"{count} spans of the trace to end");
        return [.. _stopped.Where(span => span.TraceId == traceId)];
    }
}
