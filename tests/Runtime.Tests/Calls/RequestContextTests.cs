using Cluster.Runtime.Core;
using Cluster.Runtime.Testing;
using Cluster.Runtime.Tests.Grains;
using Cluster.Runtime.Tests.Infrastructure;
using Cluster.Runtime.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Tests.Calls;

public sealed class RequestContextTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task Call_ValueSetByCaller_IsSeenByTheGrainThroughItsAwaits()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<IContextGrain>(Probe.NewKey());
        RequestContext.Set("correlation-id", "abc-123");

        var seen = await grain.GetAsync("correlation-id");
        var afterAwait = await grain.GetAfterAwaitAsync("correlation-id");
        RequestContext.Clear();

        Assert.Equal("abc-123", seen);
        Assert.Equal("abc-123", afterAwait);
    }

    [Fact]
    public async Task Call_NoContext_SeesNoValueLeftByAnEarlierCall()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<IContextGrain>(Probe.NewKey());

        var withValue = await Task.Run(async () =>
        {
            RequestContext.Set("k", "first");
            return await grain.GetAsync("k");
        });
        var without = await Task.Run(() => grain.GetAsync("k"));

        Assert.Equal("first", withValue);
        Assert.Null(without);
    }

    [Fact]
    public async Task Relay_GrainChangesTheContext_TheGrainItCallsSeesTheChangeAndTheCallerDoesNot()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<IContextGrain>(Probe.NewKey());
        RequestContext.Set("k", "outer");

        var passedOn = await grain.RelayAsync(Probe.NewKey(), "k", value: null);
        var changed = await grain.RelayAsync(Probe.NewKey(), "k", value: "inner");
        var callerAfter = RequestContext.Get("k");
        RequestContext.Clear();

        Assert.Equal("outer", passedOn);
        Assert.Equal("inner", changed);
        Assert.Equal("outer", callerAfter);
    }

    [Fact]
    public async Task Timer_RegisteredDuringACallWithContext_TicksWithNone()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<IContextGrain>(Probe.NewKey());
        RequestContext.Set("k", "call");

        await grain.StartTimerAsync("k");
        RequestContext.Clear();
        string? saw = null;
        for (var attempt = 0; attempt < 100 && saw is null; attempt++)
        {
            await Task.Delay(20);
            saw = await grain.TimerSawAsync();
        }

        Assert.Equal("(none)", saw);
    }

    [Fact]
    public async Task Call_FromClientAcrossSilos_CarriesEveryValueOverTheWire()
    {
        await using var cluster = await TestCluster.StartAsync(options =>
        {
            options.ConnectionString = database.ConnectionString;
            options.InitialSilos = 2;
        });
        var client = await cluster.CreateClientAsync();
        var hostile = "ünï \"quoted\" " + new string('x', RequestContext.MaxValueLength - 20);
        RequestContext.Set("correlation-id", "from-client");
        RequestContext.Set("hostile", hostile);

        // Callers on both silos and callees spread by placement, so values cross client → silo and silo → silo.
        var direct = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.GetGrain<IContextGrain>(Probe.NewKey()).GetAsync("hostile")));
        var relayed = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            client.GetGrain<IContextGrain>(Probe.NewKey()).RelayAsync(Probe.NewKey(), "correlation-id", value: null)));
        RequestContext.Clear();

        Assert.All(direct, value => Assert.Equal(hostile, value));
        Assert.All(relayed, value => Assert.Equal("from-client", value));
    }

    [Fact]
    public async Task Log_InAGrainCalledWithACorrelationId_CarriesItAndTheGrainTypeButNoOtherContextValueNorTheKey()
    {
        var capture = new LogCapture();
        await using var silo = await TestSilo.StartAsync(configureSilo: silo => silo.Services.AddSingleton<ILoggerProvider>(capture));
        var key = Probe.NewKey();
        var grain = silo.GrainFactory.GetGrain<IContextGrain>(key);
        var marker = Probe.NewKey("marker");
        RequestContext.Set(RequestContext.CorrelationIdKey, "corr-7");
        RequestContext.Set("UserEmail", "someone@example.com");

        await grain.LogAsync(marker);
        RequestContext.Clear();

        var line = Assert.Single(capture.Lines, line => line.Message == marker);
        Assert.Equal("corr-7", line.Scope[RequestContext.CorrelationIdKey]);
        Assert.False(line.Scope.ContainsKey("UserEmail"));
        Assert.False(string.IsNullOrEmpty(line.Scope["Grain"]?.ToString()));
        Assert.True(line.Scope.ContainsKey("Silo"));
        Assert.DoesNotContain(line.Scope.Values, value => value?.ToString()?.Contains(key, StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Set_OverTheLimits_ThrowsSayingWhichLimit()
    {
        var tooLongKey = Assert.Throws<ArgumentException>(() => RequestContext.Set(new string('k', RequestContext.MaxKeyLength + 1), "v"));
        var tooLongValue = Assert.Throws<ArgumentException>(() => RequestContext.Set("k", new string('v', RequestContext.MaxValueLength + 1)));
        for (var index = 0; index < RequestContext.MaxEntries; index++)
        {
            RequestContext.Set($"key-{index}", "v");
        }

        var full = Assert.Throws<ArgumentException>(() => RequestContext.Set("one-more", "v"));
        RequestContext.Set("key-0", "replaced");
        var replaced = RequestContext.Get("key-0");
        var removed = RequestContext.Remove("key-0");
        var count = RequestContext.Entries.Count;
        RequestContext.Clear();

        Assert.Contains("at most 64", tooLongKey.Message, StringComparison.Ordinal);
        Assert.Contains("at most 1024", tooLongValue.Message, StringComparison.Ordinal);
        Assert.Contains("remove one", full.Message, StringComparison.Ordinal);
        Assert.Equal("replaced", replaced);
        Assert.True(removed);
        Assert.Equal(RequestContext.MaxEntries - 1, count);
    }
}
