using Cluster.Runtime.Core;

namespace Cluster.Runtime.Tests.Grains;

/// <summary>A grain placed on the silo its key names.</summary>
public interface ISiloPinnedGrain : IGrainWithStringKey
{
    Task<string> WhereAsync();
}
