namespace Cluster.Runtime.Core;

/// <summary>
/// Something the runtime can address: a grain or an observer. References to addressables are
/// equal when they address the same <see cref="Core.GrainId"/>.
/// </summary>
public interface IAddressable
{
}
