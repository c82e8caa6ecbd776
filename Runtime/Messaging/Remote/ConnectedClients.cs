using System.Collections.Concurrent;

namespace Cluster.Runtime.Messaging.Remote;

/// <summary>
/// The processes connected to this silo (clients and other silos), by process id: where calls to their observers go,
/// and what the silo drains when it stops. A process may hold more than one connection here for a while (a link
/// that reconnected before the old connection's close was read), and every one of them is drained.
/// </summary>
internal sealed class ConnectedClients
{
    private readonly ConcurrentDictionary<string, MessageConnection[]> _clients = new(StringComparer.Ordinal);

    /// <summary>The newest open connection of <paramref name="processId"/>, or null.</summary>
    public MessageConnection? Find(string processId) =>
        _clients.TryGetValue(processId, out var connections) ? connections.LastOrDefault(connection => !connection.IsClosed) : null;

    public void Add(string processId, MessageConnection connection) =>
        _clients.AddOrUpdate(processId, static (_, added) => [added], static (_, existing, added) => [.. existing, added], connection);

    public void Remove(string processId, MessageConnection connection)
    {
        while (_clients.TryGetValue(processId, out var existing))
        {
            var remaining = existing.Where(other => other != connection).ToArray();
            if (remaining.Length == existing.Length)
            {
                return;
            }

            // Compare-and-swap on the array read: an Add meanwhile makes this retry instead of being undone.
            var swapped = remaining.Length == 0
                ? _clients.TryRemove(new KeyValuePair<string, MessageConnection[]>(processId, existing))
                : _clients.TryUpdate(processId, remaining, existing);
            if (swapped)
            {
                return;
            }
        }
    }

    /// <summary>Every connection, of every process.</summary>
    public IReadOnlyList<MessageConnection> Snapshot() => [.. _clients.Values.SelectMany(connections => connections)];
}
