namespace Cluster.ApiHost.Sockets;

/// <summary>A connection, as packages that push messages after their answer see it.</summary>
public interface IPackagePushTarget
{
    /// <summary>Cancelled when the connection ends: work that pushes stops then.</summary>
    CancellationToken Closed { get; }

    /// <summary>Queues a message with status 0 after every answer queued so far; false once the connection is closing.</summary>
    bool Push(int packageId, string requestId, ReadOnlySpan<byte> dataJson);
}
