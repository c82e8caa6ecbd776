using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;
using Cluster.Runtime.Tests.Infrastructure;

namespace Cluster.Runtime.Tests.Grains;

public sealed class OverrunGrain([PersistentState("overrun")] IPersistentState<LifecycleState> state) : Grain, IOverrunGrain
{
    /// <summary>What the late write in OnDeactivateAsync stores, if it is let through.</summary>
    public const int LateValue = 99;

    private string Key => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Probe.Record(Key, "activated");
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Probe.Record(Key, "deactivating");
        await Probe.Signal(Key).Task;
        state.State.Value = LateValue;
        try
        {
            await state.WriteStateAsync(CancellationToken.None);
            Probe.Record(Key, "late write stored");
        }
        catch (InvalidOperationException exception)
        {
            Probe.Record(Key, $"late write refused: {exception.Message}");
        }
    }

    public Task SetValueAsync(int value)
    {
        state.State.Value = value;
        return state.WriteStateAsync();
    }

    public async Task<int> ReadStoredValueAsync()
    {
        await state.ReadStateAsync();
        return state.State.Value;
    }

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
