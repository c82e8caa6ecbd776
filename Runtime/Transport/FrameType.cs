namespace Cluster.Runtime.Transport;

/// <summary>What a frame carries. The numbers are on the wire: never renumber, only add.</summary>
public enum FrameType : byte
{
    /// <summary>The first frame each side sends: who it is and which protocol version it speaks.</summary>
    Hello = 1,

    /// <summary>A grain or observer call that expects a response.</summary>
    Request = 2,

    /// <summary>The outcome of a request.</summary>
    Response = 3,

    /// <summary>A call whose caller does not wait.</summary>
    OneWay = 4,

    /// <summary>The caller gave up on a request; the callee may stop it.</summary>
    Cancel = 5,

    /// <summary>An item of a streamed call.</summary>
    StreamItem = 6,

    /// <summary>A liveness probe.</summary>
    Ping = 7,

    /// <summary>The answer to a probe.</summary>
    Pong = 8,

    /// <summary>
    /// The sender is leaving and sends no new call on this connection (empty payload), or acknowledges that the peer
    /// is leaving (payload <c>[1]</c>): every call it sent before the acknowledgement has been sent.
    /// </summary>
    Goodbye = 9,
}
