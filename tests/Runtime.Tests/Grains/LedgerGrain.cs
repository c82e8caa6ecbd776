using Cluster.Runtime.Core;
using Cluster.Runtime.Messaging.Remote;
using Cluster.Runtime.Storage;
using Cluster.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.Runtime.Tests.Grains;

public sealed class LedgerGrain([PersistentState("ledger")] IPersistentState<LedgerState> state) : Grain, ILedgerGrain
{
    private string Silo => ServiceProvider.GetRequiredService<SiloGateway>().SiloAddress!.ToString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Probe.Record(this.GetPrimaryKeyString(), $"activate@{Silo}");
        return Task.CompletedTask;
    }

    public async Task<LedgerReceipt> AppendAsync(int value)
    {
        state.State.Values.Add(value);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Memory must not run ahead of storage: a failed write leaves the ledger as it was.
            state.State.Values.RemoveAt(state.State.Values.Count - 1);
            throw;
        }

        return new LedgerReceipt(Silo, state.State.Values.Count, state.Etag);
    }

    public Task<IReadOnlyList<int>> ReadAsync() => Task.FromResult<IReadOnlyList<int>>([.. state.State.Values]);

    public Task<string> WhereAsync() => Task.FromResult(Silo);

    public Task<string> WhereIsAsync(string otherKey) => GrainFactory.GetGrain<ILedgerGrain>(otherKey).WhereAsync();

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
