using Cluster.Runtime.Concurrency;

namespace Cluster.Runtime.Tests.Grains;

public interface IReentrantTurnGrain : ITurnGrain
{
}

[Reentrant]
public sealed class ReentrantTurnGrain : TurnGrain, IReentrantTurnGrain
{
}
