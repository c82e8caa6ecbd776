namespace Cluster.Runtime.Benchmarks.Grains;

public sealed class BenchState
{
    public int Value { get; set; }

    public string Note { get; set; } = "benchmark";
}
