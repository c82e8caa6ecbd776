using System.Collections.Concurrent;

namespace Cluster.Runtime.Messaging.Remote;

/// <summary>The client processes connected to this silo, by process id: where calls to their observers go.</summary>
internal sealed class ConnectedClients
{
    private readonly ConcurrentDictionary<string, MessageConnection> _clients = new(StringComparer.Ordinal);

    public int Count => _clients.Count;

    public MessageConnection? Find(string processId) => _clients.GetValueOrDefault(processId);

    public void Add(string processId, MessageConnection connection) => _clients[processId] = connection;

    public void Remove(string processId, MessageConnection connection) =>
        _clients.TryRemove(new KeyValuePair<string, MessageConnection>(processId, connection));

    public IReadOnlyList<MessageConnection> Snapshot() => [.. _clients.Values];
}
