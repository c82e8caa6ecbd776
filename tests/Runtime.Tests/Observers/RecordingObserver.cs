using System.Collections.Concurrent;
using Cluster.Runtime.Tests.Grains;

namespace Cluster.Runtime.Tests.Observers;

public sealed class RecordingObserver : IMessageObserver
{
    public ConcurrentQueue<string> Received { get; } = new();

    public ConcurrentQueue<int> Pings { get; } = new();

    public Task ReceiveAsync(string message)
    {
        Received.Enqueue(message);
        return Task.CompletedTask;
    }

    public void Ping(int sequence) => Pings.Enqueue(sequence);
}
