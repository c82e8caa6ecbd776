namespace Cluster.Runtime.Concurrency;

/// <summary>
/// The grain class keeps no identity-bound state: the silo may run several activations of one key and
/// spreads calls over them. Stateless workers are always placed on the calling silo.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class StatelessWorkerAttribute : Attribute
{
    /// <summary>Allows up to <see cref="Environment.ProcessorCount"/> local activations per key.</summary>
    public StatelessWorkerAttribute()
        : this(0)
    {
    }

    /// <summary>Allows up to <paramref name="maxLocalWorkers"/> local activations per key (0: processor count).</summary>
    public StatelessWorkerAttribute(int maxLocalWorkers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLocalWorkers);
        MaxLocalWorkers = maxLocalWorkers == 0 ? Environment.ProcessorCount : maxLocalWorkers;
    }

    /// <summary>The largest number of activations of one key on one silo.</summary>
    public int MaxLocalWorkers { get; }
}
