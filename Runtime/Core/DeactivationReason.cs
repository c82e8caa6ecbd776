namespace Cluster.Runtime.Core;

/// <summary>Why an activation is being deactivated, passed to <see cref="Grain.OnDeactivateAsync"/>.</summary>
public enum DeactivationReason
{
    /// <summary>The grain asked for it with <see cref="Grain.DeactivateOnIdle"/>.</summary>
    ApplicationRequested,

    /// <summary>The activation was idle for longer than its collection age.</summary>
    ActivationIdle,

    /// <summary>The silo is shutting down gracefully.</summary>
    ShuttingDown,

    /// <summary>A state write failed on a stale ETag: another activation or writer changed the state.</summary>
    IncompatibleState,

    /// <summary><see cref="Grain.OnActivateAsync"/> or loading state failed.</summary>
    ActivationFailed,

    /// <summary>An operator or an internal request deactivated it.</summary>
    RuntimeRequested,
}
