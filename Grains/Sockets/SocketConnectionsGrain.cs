using Cluster.Grains.Interfaces.Sockets;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Sockets;

[GrainType("socket-connections")]
public sealed class SocketConnectionsGrain(TimeProvider timeProvider) : Grain, ISocketConnectionsGrain
{
    // The most leases one grain keeps, whatever the callers ask: hosts never open more than their limit allows.
    private const int MaxLeases = 1000;

    private readonly Dictionary<string, DateTimeOffset> _leases = new(StringComparer.Ordinal);

    public Task<bool> TryOpenAsync(string connectionId, int maxConnections, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConnections, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        Prune();
        if (!_leases.ContainsKey(connectionId) && _leases.Count >= Math.Min(maxConnections, MaxLeases))
        {
            return Task.FromResult(false);
        }

        _leases[connectionId] = timeProvider.GetUtcNow() + lease;
        return Task.FromResult(true);
    }

    public Task RenewAsync(string connectionId, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        Prune();
        if (_leases.ContainsKey(connectionId) || _leases.Count < MaxLeases)
        {
            _leases[connectionId] = timeProvider.GetUtcNow() + lease;
        }

        return Task.CompletedTask;
    }

    public Task CloseAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        _leases.Remove(connectionId);
        return Task.CompletedTask;
    }

    public Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        Prune();
        return Task.FromResult(_leases.Count);
    }

    private void Prune()
    {
        var now = timeProvider.GetUtcNow();
        foreach (var (id, endsAt) in _leases)
        {
            if (endsAt <= now)
            {
                _leases.Remove(id);
            }
        }
    }
}
