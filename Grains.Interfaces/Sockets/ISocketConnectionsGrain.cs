using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Sockets;

/// <summary>
/// A user's open WebSocket connections across every API host, keyed by user id. Each connection is a lease its host
/// renews while it is open, so the connections of a host that dies lapse on their own. The count lives in memory:
/// after the grain's silo fails it starts empty and fills again with the next renewals.
/// </summary>
public interface ISocketConnectionsGrain : IGrainWithStringKey
{
    /// <summary>
    /// Opens connection <paramref name="connectionId"/> for <paramref name="lease"/>, unless the user already has
    /// <paramref name="maxConnections"/> live ones; false then, and the connection is not counted.
    /// </summary>
    Task<bool> TryOpenAsync(string connectionId, int maxConnections, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Extends an open connection's lease (counting it again if the grain had lost it), whatever the limit.</summary>
    Task RenewAsync(string connectionId, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Stops counting the connection.</summary>
    Task CloseAsync(string connectionId, CancellationToken cancellationToken = default);

    /// <summary>How many connections are live.</summary>
    Task<int> CountAsync(CancellationToken cancellationToken = default);
}
