namespace Cluster.Runtime.Transport;

/// <summary>A connection between processes failed or broke the protocol; calls on it fail with this, and it is closed.</summary>
public sealed class TransportException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public TransportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public TransportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
