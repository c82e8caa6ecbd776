using Cluster.Grains.Interfaces.Demo;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;

namespace Cluster.Grains.Demo;

[GrainType("counter")]
public sealed class CounterGrain(
    [PersistentState(CounterGrain.StateName)] IPersistentState<CounterState> counter,
    TimeProvider timeProvider) : Grain, ICounterGrain
{
    public const string StateName = "counter";

    public async Task<CounterInfo> IncrementAsync(int amount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(amount, CounterLimits.MaxIncrement);
        var state = counter.State;
        var (value, version, updatedAt) = (state.Value, state.Version, state.UpdatedAt);
        state.Value = checked(value + amount);
        state.Version = version + 1;
        state.UpdatedAt = timeProvider.GetUtcNow();
        try
        {
            await counter.WriteStateAsync(cancellationToken);
        }
        catch
        {
            // Memory must not run ahead of storage: a failed write leaves the counter as it was.
            (state.Value, state.Version, state.UpdatedAt) = (value, version, updatedAt);
            throw;
        }

        return ToInfo();
    }

    public Task<CounterInfo> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(ToInfo());

    private CounterInfo ToInfo() => new(this.GetPrimaryKeyString(), counter.State.Value, counter.State.Version, counter.State.UpdatedAt);
}
