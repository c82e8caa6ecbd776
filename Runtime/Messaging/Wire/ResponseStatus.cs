namespace Cluster.Runtime.Messaging.Wire;

/// <summary>How a request ended. The numbers are on the wire: never renumber, only add.</summary>
internal enum ResponseStatus : byte
{
    /// <summary>The method returned; its JSON result follows.</summary>
    Success = 0,

    /// <summary>The method threw; the exception's type and message follow.</summary>
    Exception = 1,
}
