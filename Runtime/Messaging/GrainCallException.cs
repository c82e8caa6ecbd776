namespace Cluster.Runtime.Messaging;

/// <summary>
/// A grain method threw an exception whose type cannot be recreated for the caller (it has no public
/// constructor taking a message). Carries the original type name and message; never a stack trace.
/// </summary>
public sealed class GrainCallException : Exception
{
    /// <summary>Creates the exception from the original exception's type name and message.</summary>
    public GrainCallException(string originalTypeName, string message)
        : base(message)
    {
        OriginalTypeName = originalTypeName;
    }

    /// <summary>The full name of the exception type the grain threw.</summary>
    public string OriginalTypeName { get; }
}
