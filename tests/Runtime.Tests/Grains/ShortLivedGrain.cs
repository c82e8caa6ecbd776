using Cluster.Runtime.Core;
using Cluster.Runtime.Tests.Infrastructure;

namespace Cluster.Runtime.Tests.Grains;

[CollectionAgeLimit(Minutes = 2)]
public sealed class ShortLivedGrain : Grain, IShortLivedGrain
{
    private readonly Guid _activationId = Guid.NewGuid();

    public Task<Guid> PingAsync() => Task.FromResult(_activationId);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Probe.Record($"short-{this.GetPrimaryKeyLong()}", $"deactivate({reason})");
        return Task.CompletedTask;
    }
}
