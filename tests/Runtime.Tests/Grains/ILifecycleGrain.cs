using Cluster.Runtime.Core;

namespace Cluster.Runtime.Tests.Grains;

/// <summary>Records its life cycle events and persists a value.</summary>
public interface ILifecycleGrain : IGrainWithStringKey
{
    Task<int> GetValueAsync();

    Task SetValueAsync(int value);

    Task SetValueWithoutWriteAsync(int value);

    Task<string?> GetEtagAsync();

    Task<bool> RecordExistsAsync();

    Task ClearAsync();

    Task DeactivateAsync();

    Task DelayDeactivationAsync(TimeSpan delay);
}
