namespace Cluster.Runtime.Messaging.Wire;

/// <summary>A message from another process is malformed or speaks another protocol version; the connection is closed.</summary>
public sealed class WireFormatException(string message) : Exception(message)
{
}
