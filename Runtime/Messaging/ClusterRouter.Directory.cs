using Cluster.Runtime.Core;
using Cluster.Runtime.Directory;
using Cluster.Runtime.Membership;

namespace Cluster.Runtime.Messaging;

internal sealed partial class ClusterRouter
{
    // Each retry replaces an entry found stale; more than a few in a row means entries churn faster than they settle.
    private const int MaxRegisterAttempts = 4;

    private static readonly TimeSpan UnregisterTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Registers a new activation of <paramref name="grainId"/> on this silo before it loads its state. Returns null
    /// when it won; else the address of the activation that did, to which the loser forwards its calls. An entry of a
    /// Dead silo, or of an earlier activation on this silo (which has ended, since the catalog holds one at a time),
    /// is stale and replaced.
    /// </summary>
    /// <exception cref="SiloUnavailableException">The directory could not be reached; the activation must fail.</exception>
    public async Task<(GrainAddress Registered, bool Won)> RegisterActivationAsync(GrainId grainId, Guid activationId, CancellationToken cancellationToken)
    {
        if (_membership.Current.StatusOf(Self) == SiloStatus.Dead)
        {
            // The cluster has declared this silo dead and may be reactivating its grains elsewhere.
            throw new SiloUnavailableException($"{grainId} was not activated: this silo ({Self}) has been declared dead and is stopping. Retry; the call goes to a live silo.");
        }

        var address = new GrainAddress(grainId, Self, activationId, _runtime.TimeProvider.GetUtcNow());
        GrainAddress? stale = null;
        for (var attempt = 1; attempt <= MaxRegisterAttempts; attempt++)
        {
            GrainAddress registered;
            try
            {
                registered = await _directory.RegisterAsync(address, stale, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                throw new SiloUnavailableException(
                    $"{grainId} could not be activated: the grain directory did not answer ({exception.Message}). Nothing was run or written; retry once PostgreSQL is reachable.");
            }

            if (registered.IsSameActivation(address))
            {
                Cache.Put(registered);
                return (registered, true);
            }

            if (registered.SiloAddress != Self && !IsGone(registered.SiloAddress))
            {
                Cache.Put(registered);
                LogRegistrationLost(_logger, grainId, registered.SiloAddress);
                return (registered, false);
            }

            stale = registered;
        }

        throw new SiloUnavailableException($"{grainId} could not be registered after {MaxRegisterAttempts} attempts: its directory entry keeps changing. Retry.");
    }

    /// <summary>Removes an ended activation's entry (only if it is still that activation's); failures are logged, as the entry is replaced when found stale.</summary>
    public async Task UnregisterActivationAsync(GrainAddress address)
    {
        Cache.Invalidate(address);
        try
        {
            using var timeout = new CancellationTokenSource(UnregisterTimeout);
            await _directory.UnregisterAsync(address, timeout.Token);
        }
        catch (Exception exception)
        {
            LogUnregisterFailed(_logger, exception, address.GrainId);
        }
    }

    /// <summary>Whether <paramref name="silo"/> is Dead, or has left the table after a newer start of its endpoint joined.</summary>
    private bool IsGone(SiloAddress silo)
    {
        var snapshot = _membership.Current;
        return snapshot.StatusOf(silo) switch
        {
            SiloStatus.Dead => true,
            SiloStatus.None => snapshot.Entries.Any(entry => entry.SiloAddress.IsSameEndpoint(silo) && entry.SiloAddress.Generation > silo.Generation),
            _ => false,
        };
    }

    private void OnMembershipChanged(MembershipSnapshot snapshot) => _ = ApplyMembershipAsync(snapshot);

    /// <summary>Follows membership: connections to members, and for each newly Dead silo its entries purged and forgotten.</summary>
    private async Task ApplyMembershipAsync(MembershipSnapshot snapshot)
    {
        await _applying.WaitAsync();
        try
        {
            await _connections.UpdateAsync(snapshot);
            var dead = snapshot.Entries
                .Where(entry => entry.Status == SiloStatus.Dead && entry.SiloAddress != Self && !_purged.Contains(entry.SiloAddress))
                .Select(entry => entry.SiloAddress)
                .ToList();
            _purged.IntersectWith(snapshot.Entries.Select(entry => entry.SiloAddress));
            if (dead.Count == 0)
            {
                return;
            }

            Cache.InvalidateSilos(dead);
            foreach (var silo in dead)
            {
                _placement.Forget(silo);
            }

            var removed = await _directory.UnregisterSilosAsync(dead, _runtime.StoppingToken);
            _purged.UnionWith(dead);
            LogPurged(_logger, removed, string.Join(", ", dead));
        }
        catch (Exception exception)
        {
            // The next membership change or periodic read tries again.
            LogMembershipApplyFailed(_logger, exception);
        }
        finally
        {
            _applying.Release();
        }
    }
}
