using Cluster.Runtime.Core;
using Cluster.Runtime.Messaging.Remote;
using Cluster.Runtime.Placement;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.Runtime.Tests.Grains;

[SiloKeyPlacement]
public sealed class SiloPinnedGrain : Grain, ISiloPinnedGrain
{
    public Task<string> WhereAsync() => Task.FromResult(ServiceProvider.GetRequiredService<SiloGateway>().SiloAddress!.ToString());
}
