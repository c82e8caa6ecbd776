using Cluster.Runtime.Core;

namespace Cluster.Runtime.Tests.Grains;

/// <summary>A grain placed on the silo of its first caller.</summary>
public interface ILocalGrain : IGrainWithStringKey
{
    Task<string> WhereAsync();

    Task DeactivateAsync();
}
