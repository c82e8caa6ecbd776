namespace Cluster.Runtime.Messaging;

/// <summary>The silo cannot take the call: it has not started, or it is shutting down and takes no new activations.</summary>
public sealed class SiloUnavailableException(string message) : Exception(message)
{
}
