using System.Collections.Concurrent;
using Cluster.Runtime.Membership;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Placement;

/// <summary>
/// Picks the silo for a new activation among the candidates the router found able to take it. Activation counts of
/// other silos come from their answers to this silo's probes (every probe period); between answers, each placement
/// on a silo counts as one more activation there, so a burst of placements spreads instead of all choosing the silo
/// that looked least loaded at the last probe.
/// </summary>
/// <remarks>
/// This silo's own count is estimated the same way, a snapshot taken once per probe period plus the placements made
/// here since, not read live: a live local count includes the activations other silos just placed here, while their
/// own placements reach this silo only at the next probe, so every silo would see itself as the busier one and send
/// a burst of new activations to the others, which do the same in return, unevenly.
/// </remarks>
internal sealed class PlacementDirector(IOptions<ClusterMembershipOptions> options)
{
    private readonly ConcurrentDictionary<SiloAddress, int> _loads = new();
    private readonly long _refreshMilliseconds = (long)options.Value.ProbePeriod.TotalMilliseconds;
    private long _selfSnapshotAt = long.MinValue / 2; // far enough in the past that the first placement takes a snapshot, without overflow
    private int _selfLoad;

    /// <summary>Records the activation count <paramref name="silo"/> reported.</summary>
    public void ReportLoad(SiloAddress silo, int activations) => _loads[silo] = activations;

    /// <summary>Forgets a silo that left.</summary>
    public void Forget(SiloAddress silo) => _loads.TryRemove(silo, out _);

    /// <summary>The chosen silo.</summary>
    /// <param name="strategy">The grain class's strategy.</param>
    /// <param name="self">This silo.</param>
    /// <param name="candidates">The silos able to take the activation, this one included when it can; not empty.</param>
    /// <param name="localActivations">This silo's activation count now.</param>
    public SiloAddress Place(PlacementStrategy strategy, SiloAddress self, IReadOnlyList<SiloAddress> candidates, int localActivations)
    {
        if (candidates.Count == 1)
        {
            return Count(candidates[0], self);
        }

        if (strategy == PlacementStrategy.PreferLocal && candidates.Contains(self))
        {
            return Count(self, self);
        }

        var firstIndex = Random.Shared.Next(candidates.Count);
        var first = candidates[firstIndex];
        if (strategy != PlacementStrategy.ActivationCountBased)
        {
            return Count(first, self);
        }

        // Another candidate, uniformly: an offset from 1 to Count - 1 never lands on the first.
        var second = candidates[(firstIndex + 1 + Random.Shared.Next(candidates.Count - 1)) % candidates.Count];
        return Count(LoadOf(first, self, localActivations) <= LoadOf(second, self, localActivations) ? first : second, self);
    }

    private int LoadOf(SiloAddress silo, SiloAddress self, int localActivations) =>
        silo == self ? SelfLoad(localActivations) : _loads.GetValueOrDefault(silo);

    private int SelfLoad(int localActivations)
    {
        var now = Environment.TickCount64;
        if (now - Interlocked.Read(ref _selfSnapshotAt) >= _refreshMilliseconds)
        {
            // Racing refreshes store the same snapshot, give or take a placement: a count off by one is harmless.
            Volatile.Write(ref _selfLoad, localActivations);
            Interlocked.Exchange(ref _selfSnapshotAt, now);
        }

        return Volatile.Read(ref _selfLoad);
    }

    private SiloAddress Count(SiloAddress chosen, SiloAddress self)
    {
        if (chosen == self)
        {
            Interlocked.Increment(ref _selfLoad);
        }
        else
        {
            _loads.AddOrUpdate(chosen, 1, static (_, count) => count + 1);
        }

        return chosen;
    }
}
