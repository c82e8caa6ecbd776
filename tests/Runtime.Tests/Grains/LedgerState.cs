namespace Cluster.Runtime.Tests.Grains;

public sealed class LedgerState
{
    public List<int> Values { get; set; } = [];
}
