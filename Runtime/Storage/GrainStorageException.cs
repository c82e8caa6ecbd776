namespace Cluster.Runtime.Storage;

/// <summary>
/// A storage provider could not reach or use its database (the server is down, unreachable, or refused the
/// statement). The message names the provider, the state and the grain, and says what to check. A failed write
/// leaves the activation's version as it was: if the write was applied after all (the connection broke while it
/// committed), the grain's next write meets a version conflict and the activation reloads.
/// </summary>
public sealed class GrainStorageException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public GrainStorageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the database driver's exception.</summary>
    public GrainStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
