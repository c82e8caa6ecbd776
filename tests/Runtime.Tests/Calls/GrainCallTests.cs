using Cluster.Runtime.Messaging;
using Cluster.Runtime.Testing;
using Cluster.Runtime.Tests.Grains;
using Cluster.Runtime.Tests.Infrastructure;

namespace Cluster.Runtime.Tests.Calls;

public sealed class GrainCallTests
{
    [Fact]
    public async Task EchoAsync_StringArgument_ReturnsIt()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ICallGrain>(Probe.NewKey());

        var echoed = await grain.EchoAsync("héllo \"wörld\" ✓");

        Assert.Equal("héllo \"wörld\" ✓", echoed);
    }

    [Fact]
    public async Task AddAsync_ValueTaskMethod_ReturnsResult()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ICallGrain>(Probe.NewKey());

        Assert.Equal(42L, await grain.AddAsync(40, 2));
    }

    [Fact]
    public async Task CallOtherAsync_GrainCallsGrain_ReturnsTheOthersResult()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ICallGrain>(Probe.NewKey());

        Assert.Equal("relayed", await grain.CallOtherAsync(Probe.NewKey(), "relayed"));
    }

    [Fact]
    public async Task CallBackThroughAsync_CycleOfNonReentrantGrains_TimesOutWithUnknownOutcome()
    {
        await using var silo = await TestSilo.StartAsync(options => options.ResponseTimeout = TimeSpan.FromMilliseconds(500));
        var grain = silo.GrainFactory.GetGrain<ICallGrain>(Probe.NewKey());

        var exception = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => grain.CallBackThroughAsync(Probe.NewKey()));

        // The caller's own timeout, or, when the three calls of the cycle expire in one sweep (a sweep delayed by a
        // busy machine), a nested call's, which the grains above it rethrow.
        Assert.Contains("outcome is unknown", exception.Message, StringComparison.Ordinal);
        Assert.True(
            exception.Message.Contains(nameof(ICallGrain.CallBackThroughAsync), StringComparison.Ordinal)
            || exception.Message.Contains(nameof(ICallGrain.CallBackAsync), StringComparison.Ordinal)
            || exception.Message.Contains(nameof(ICallGrain.EchoAsync), StringComparison.Ordinal),
            exception.Message);
    }

    [Fact]
    public async Task HangWithShortTimeoutAsync_MethodResponseTimeout_OverridesSiloDefault()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ICallGrain>(Probe.NewKey());
        var started = DateTime.UtcNow;

        var exception = await Assert.ThrowsAsync<GrainCallTimeoutException>(grain.HangWithShortTimeoutAsync);

        Assert.Equal(TimeSpan.FromMilliseconds(300), exception.Timeout);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task HangAsync_CallerCancels_CallerSeesCancellationAndCalleeSeesToken()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ICallGrain>(Probe.NewKey());
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => grain.HangAsync(cancellation.Token));

        // The callee observed the token and ended its turn, so the grain serves the next call at once.
        Assert.Equal("next", await grain.EchoAsync("next").WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task ThrowAsync_KnownExceptionType_CallerGetsSameTypeAndMessageWithoutCalleeStack()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ICallGrain>(Probe.NewKey());

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.ThrowAsync("invalid", "the reason"));

        Assert.Equal("the reason", exception.Message);
        Assert.DoesNotContain(nameof(CallGrain), exception.StackTrace ?? string.Empty, StringComparison.Ordinal);
        Assert.Null(exception.InnerException);
    }

    [Fact]
    public async Task ThrowAsync_ArgumentNullException_MessageArrivesUnchanged()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ICallGrain>(Probe.NewKey());

        var exception = await Assert.ThrowsAsync<ArgumentNullException>(() => grain.ThrowAsync("null", "the text must be set"));

        Assert.Equal(new ArgumentNullException("message", "the text must be set").Message, exception.Message);
    }

    [Fact]
    public async Task ThrowAsync_FaultedTask_CallerGetsTheException()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ICallGrain>(Probe.NewKey());

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => grain.ThrowAsync("argument", "bad argument"));

        Assert.Equal("bad argument", exception.Message);
    }

    [Fact]
    public async Task ThrowAsync_ExceptionWithoutMessageConstructor_CallerGetsTypeNameAndMessage()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ICallGrain>(Probe.NewKey());

        var exception = await Assert.ThrowsAsync<GrainCallException>(() => grain.ThrowAsync("opaque", string.Empty));

        Assert.Equal(typeof(OpaqueException).FullName, exception.OriginalTypeName);
        Assert.Equal("opaque failure 42", exception.Message);
    }

    [Fact]
    public async Task ThrowAsync_AfterException_GrainKeepsServing()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ICallGrain>(Probe.NewKey());
        var before = await grain.ActivationIdAsync();

        await Assert.ThrowsAsync<NotSupportedException>(() => grain.ThrowAsync("other", "nope"));

        Assert.Equal(before, await grain.ActivationIdAsync());
    }

    [Fact]
    public async Task RecordLaterAsync_OneWay_ReturnsBeforeTheCalleeFinishes()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = Probe.NewKey();
        var grain = silo.GrainFactory.GetGrain<ICallGrain>(key);

        await grain.RecordLaterAsync("done", 300);

        Assert.Empty(Probe.EventsOf(key));
        await Probe.WaitUntilAsync(() => Probe.EventsOf(key).Contains("done"), because: "the one-way call runs later");
    }

    [Fact]
    public async Task DeactivateAsync_ThenCall_StartsNewActivation()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ICallGrain>(Probe.NewKey());
        var first = await grain.ActivationIdAsync();

        await grain.DeactivateAsync();
        var second = await grain.ActivationIdAsync();

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task GetGrain_SameKeyTwice_ReferencesAreEqualAndReachOneActivation()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = Probe.NewKey();
        var first = silo.GrainFactory.GetGrain<ICallGrain>(key);
        var second = silo.GrainFactory.GetGrain<ICallGrain>(key);

        Assert.Equal(first, second);
        Assert.Equal(await first.ActivationIdAsync(), await second.ActivationIdAsync());
    }
}
