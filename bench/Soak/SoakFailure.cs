namespace Cluster.Benchmarks.Soak;

/// <summary>A request that failed, by kind (status and route, connection error or timeout).</summary>
internal sealed class SoakFailure(string kind) : Exception(kind)
{
    public string Kind { get; } = kind;
}
