using Cluster.Runtime.Core;

namespace Cluster.Runtime.Tests.Grains;

/// <summary>A grain of a cluster test: appends to a persisted list and says which silo it runs on.</summary>
public interface ILedgerGrain : IGrainWithStringKey
{
    Task<LedgerReceipt> AppendAsync(int value);

    Task<IReadOnlyList<int>> ReadAsync();

    Task<string> WhereAsync();

    Task<string> WhereIsAsync(string otherKey);

    Task DeactivateAsync();
}
