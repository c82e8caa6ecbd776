using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;
using Cluster.Runtime.Tests.Infrastructure;

namespace Cluster.Runtime.Tests.Grains;

/// <summary>Writes its state on deactivation too, slowly, to check that shutdown waits for such writes.</summary>
public sealed class LifecycleGrain : Grain, ILifecycleGrain
{
    public const string StateName = "lifecycle";

    private readonly IPersistentState<LifecycleState> _state;

    public LifecycleGrain([PersistentState(StateName)] IPersistentState<LifecycleState> state)
    {
        _state = state;
        Probe.Record(this.GetPrimaryKeyString(), "constructed");
    }

    private string Key => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Probe.Record(Key, $"activate(recordExists={_state.RecordExists},value={_state.State.Value})");
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Probe.Record(Key, $"deactivate({reason})");
        if (_state.RecordExists)
        {
            await Task.Delay(100, CancellationToken.None);
            _state.State.DeactivationCount++;
            await _state.WriteStateAsync(CancellationToken.None);
            Probe.Record(Key, "deactivation-written");
        }
    }

    public Task<int> GetValueAsync()
    {
        Probe.Record(Key, "call");
        return Task.FromResult(_state.State.Value);
    }

    public async Task SetValueAsync(int value)
    {
        _state.State.Value = value;
        await _state.WriteStateAsync();
    }

    public Task SetValueWithoutWriteAsync(int value)
    {
        _state.State.Value = value;
        return Task.CompletedTask;
    }

    public Task<string?> GetEtagAsync() => Task.FromResult(_state.Etag);

    public Task<bool> RecordExistsAsync() => Task.FromResult(_state.RecordExists);

    public Task ClearAsync() => _state.ClearStateAsync();

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task DelayDeactivationAsync(TimeSpan delay)
    {
        DelayDeactivation(delay);
        return Task.CompletedTask;
    }
}
