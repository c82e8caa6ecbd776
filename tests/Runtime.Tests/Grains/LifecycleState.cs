namespace Cluster.Runtime.Tests.Grains;

public sealed class LifecycleState
{
    public int Value { get; set; }

    public int DeactivationCount { get; set; }
}
