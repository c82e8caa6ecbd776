using System.Buffers;

namespace Cluster.Runtime.Transport;

/// <summary>Receives the frames a connection reads, in order.</summary>
internal interface IFrameHandler
{
    /// <summary>
    /// Handles one frame. The payload is valid only until the returned task completes: copy what must outlive it.
    /// Frames of one connection are handled one after another, so a slow handler slows its peer (back-pressure).
    /// </summary>
    ValueTask OnFrameAsync(FramedConnection connection, FrameType type, ReadOnlySequence<byte> payload);

    /// <summary>The connection ended; <paramref name="error"/> is null after a graceful close.</summary>
    void OnClosed(FramedConnection connection, Exception? error);
}
