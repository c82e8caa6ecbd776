using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Runtime.Tests.Grains;

/// <summary>Calls other grains, throws, hangs: the call path's behaviours.</summary>
public interface ICallGrain : IGrainWithStringKey
{
    Task<string> EchoAsync(string text);

    ValueTask<long> AddAsync(long a, long b);

    Task<string> CallOtherAsync(string otherKey, string text);

    /// <summary>Calls <paramref name="otherKey"/>, which calls this grain back: a cycle on non-reentrant grains.</summary>
    Task<string> CallBackThroughAsync(string otherKey);

    Task<string> CallBackAsync(string originKey);

    Task ThrowAsync(string kind, string message);

    Task HangAsync(CancellationToken cancellationToken);

    [ResponseTimeout("00:00:00.300")]
    Task HangWithShortTimeoutAsync();

    [OneWay]
    Task RecordLaterAsync(string evt, int delayMilliseconds);

    Task<Guid> ActivationIdAsync();

    /// <summary>What <c>CallGrain.Ambient</c> holds inside the call.</summary>
    Task<string?> AmbientAsync();

    /// <summary>The managed thread the call's first turn ran on, and whether the activation was its synchronization context.</summary>
    Task<(int Thread, bool OnActivation)> WhereDidItRunAsync();

    Task<string> DescribeAsync(Shape shape);

    Task DeactivateAsync();
}
