namespace Cluster.Runtime.Core;

/// <summary>
/// Marker for grain interfaces. A grain interface must also derive from one key interface:
/// <see cref="IGrainWithStringKey"/>, <see cref="IGrainWithGuidKey"/> or <see cref="IGrainWithIntegerKey"/>.
/// </summary>
public interface IGrain : IAddressable
{
}
