using Cluster.Runtime.Core;

namespace Cluster.Runtime.Tests.Grains;

public interface IShortLivedGrain : IGrainWithIntegerKey
{
    Task<Guid> PingAsync();
}
