using Cluster.Runtime.Core;
using Cluster.Runtime.Tests.Infrastructure;

namespace Cluster.Runtime.Tests.Grains;

public sealed class CallGrain : Grain, ICallGrain
{
    private readonly Guid _activationId = Guid.NewGuid();

    public Task<string> EchoAsync(string text) => Task.FromResult(text);

    public ValueTask<long> AddAsync(long a, long b) => ValueTask.FromResult(a + b);

    public Task<string> CallOtherAsync(string otherKey, string text) => GrainFactory.GetGrain<ICallGrain>(otherKey).EchoAsync(text);

    public Task<string> CallBackThroughAsync(string otherKey) => GrainFactory.GetGrain<ICallGrain>(otherKey).CallBackAsync(this.GetPrimaryKeyString());

    public Task<string> CallBackAsync(string originKey) => GrainFactory.GetGrain<ICallGrain>(originKey).EchoAsync("back");

    public Task ThrowAsync(string kind, string message) => kind switch
    {
        "invalid" => throw new InvalidOperationException(message),
        "argument" => Task.FromException(new ArgumentException(message)),
        "opaque" => throw new OpaqueException(42),
        "null" => throw new ArgumentNullException(nameof(message), message),
        _ => throw new NotSupportedException(message),
    };

    public Task HangAsync(CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);

    public Task HangWithShortTimeoutAsync() => Task.Delay(TimeSpan.FromSeconds(5));

    public async Task RecordLaterAsync(string evt, int delayMilliseconds)
    {
        await Task.Delay(delayMilliseconds);
        Probe.Record(this.GetPrimaryKeyString(), evt);
    }

    public Task<Guid> ActivationIdAsync() => Task.FromResult(_activationId);

    /// <summary>An async-local value of whoever runs grain code; a grain must never see its caller's.</summary>
    public static AsyncLocal<string?> Ambient { get; } = new();

    public Task<string?> AmbientAsync() => Task.FromResult(Ambient.Value);

    public Task<(int Thread, bool OnActivation)> WhereDidItRunAsync() =>
        Task.FromResult((Environment.CurrentManagedThreadId, SynchronizationContext.Current is not null));

    public Task<string> DescribeAsync(Shape shape) => Task.FromResult(shape.Name);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
