namespace Cluster.Runtime.Membership;

/// <summary>
/// The life cycle of a silo as recorded in the membership table, with Orleans's names and numbers (the numbers are
/// stored, so they never change). A silo moves forward only: <see cref="Dead"/> is terminal.
/// </summary>
public enum SiloStatus
{
    /// <summary>No status; never stored by the runtime.</summary>
    None = 0,

    /// <summary>The silo object exists but has not started joining.</summary>
    Created = 1,

    /// <summary>The silo has written its row and is joining; it does not host activations yet.</summary>
    Joining = 2,

    /// <summary>The silo is a full member: it hosts activations and takes part in failure detection.</summary>
    Active = 3,

    /// <summary>The silo is shutting down gracefully, deactivating its activations.</summary>
    ShuttingDown = 4,

    /// <summary>The silo is stopping abruptly, without deactivating its activations.</summary>
    Stopping = 5,

    /// <summary>The silo has stopped or was declared dead by the others; terminal.</summary>
    Dead = 6,
}
