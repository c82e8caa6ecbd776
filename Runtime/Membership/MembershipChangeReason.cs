namespace Cluster.Runtime.Membership;

/// <summary>Why <see cref="PostgresMembershipWatcher.Changed"/> fired.</summary>
public enum MembershipChangeReason
{
    /// <summary>A notification of a change of the table arrived; its version is known.</summary>
    Notification = 0,

    /// <summary>The watcher started listening for the first time; changes made before then were not heard.</summary>
    Connected = 1,

    /// <summary>The watcher listens again after losing its connection; notifications meanwhile were lost.</summary>
    Reconnected = 2,
}
