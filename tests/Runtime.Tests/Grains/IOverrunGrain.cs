using Cluster.Runtime.Core;

namespace Cluster.Runtime.Tests.Grains;

/// <summary>A grain whose OnDeactivateAsync waits for the signal named by its key, then writes its state.</summary>
public interface IOverrunGrain : IGrainWithStringKey
{
    Task SetValueAsync(int value);

    /// <summary>Reads the state from storage again and returns its value.</summary>
    Task<int> ReadStoredValueAsync();

    Task DeactivateAsync();
}
