namespace Cluster.Runtime.Membership;

/// <summary>
/// A signal that the membership table may have changed, so its reader should read it again. Readers should compare
/// <see cref="Version"/> with the version they hold, not count signals: notifications can be lost while the watcher
/// reconnects (then a <see cref="MembershipChangeReason.Reconnected"/> signal stands for all of them).
/// </summary>
/// <param name="Reason">Why the signal was raised.</param>
/// <param name="Version">The version the change produced, for <see cref="MembershipChangeReason.Notification"/>; otherwise <c>null</c>.</param>
public readonly record struct MembershipChange(MembershipChangeReason Reason, int? Version);
