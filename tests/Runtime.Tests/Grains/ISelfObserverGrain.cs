using Cluster.Runtime.Core;

namespace Cluster.Runtime.Tests.Grains;

public interface ISelfObserverGrain : IGrainWithStringKey, IMessageObserver
{
    Task<string> RegisterSelfAsObjectAsync();
}
