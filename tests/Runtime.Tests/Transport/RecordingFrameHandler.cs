using System.Buffers;
using System.Collections.Concurrent;
using Cluster.Runtime.Transport;

namespace Cluster.Runtime.Tests.Transport;

/// <summary>Keeps every frame it receives; optionally echoes each one back on the same connection.</summary>
internal sealed class RecordingFrameHandler(bool echo = false, Func<Task>? beforeEach = null) : IFrameHandler
{
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<(FrameType Type, byte[] Payload)> Frames { get; } = new();

    public Task<Exception?> Closed => _closed.Task;

    public async ValueTask OnFrameAsync(FramedConnection connection, FrameType type, ReadOnlySequence<byte> payload)
    {
        if (beforeEach is not null)
        {
            await beforeEach();
        }

        var copy = payload.ToArray();
        Frames.Enqueue((type, copy));
        if (echo)
        {
            await connection.SendAsync(type, copy);
        }
    }

    public void OnClosed(FramedConnection connection, Exception? error) => _closed.TrySetResult(error);
}
