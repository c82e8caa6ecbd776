using Cluster.Runtime.Core;
using Cluster.Runtime.Messaging.Remote;
using Cluster.Runtime.Placement;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.Runtime.Tests.Grains;

[PreferLocalPlacement]
public sealed class LocalGrain : Grain, ILocalGrain
{
    public Task<string> WhereAsync() => Task.FromResult(ServiceProvider.GetRequiredService<SiloGateway>().SiloAddress!.ToString());

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
