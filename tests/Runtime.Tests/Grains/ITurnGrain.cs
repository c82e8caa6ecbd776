using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Runtime.Tests.Grains;

/// <summary>Reports how many of its calls overlapped, to check turn scheduling.</summary>
public interface ITurnGrain : IGrainWithStringKey
{
    Task<int> HoldAsync(int milliseconds);

    [ReadOnly]
    Task<int> ReadHoldAsync(int milliseconds);

    [AlwaysInterleave]
    Task<int> InterleaveHoldAsync(int milliseconds);

    ValueTask<int> MaxOverlapAsync();

    ValueTask<int> ThreadViolationsAsync();

    ValueTask<int> EnteredAsync();
}
