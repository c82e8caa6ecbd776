using System.Collections.Concurrent;
using Cluster.Runtime.Membership;

namespace Cluster.Runtime.Placement;

/// <summary>
/// Picks the silo for a new activation among the candidates the router found able to take it. Activation counts of
/// other silos come from their answers to this silo's probes (every probe period); between answers, each placement
/// on a silo counts as one more activation there, so a burst of placements spreads instead of all choosing the silo
/// that looked least loaded at the last probe.
/// </summary>
internal sealed class PlacementDirector
{
    private readonly ConcurrentDictionary<SiloAddress, int> _loads = new();

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
            return self;
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
        silo == self ? localActivations : _loads.GetValueOrDefault(silo);

    private SiloAddress Count(SiloAddress chosen, SiloAddress self)
    {
        if (chosen != self)
        {
            _loads.AddOrUpdate(chosen, 1, static (_, count) => count + 1);
        }

        return chosen;
    }
}
