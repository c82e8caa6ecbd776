namespace Cluster.Runtime.Activation;

/// <summary>The life cycle of an activation; it only moves forward.</summary>
internal enum ActivationStatus
{
    /// <summary>Created in the catalog; nothing has run yet.</summary>
    Created,

    /// <summary>Constructing the grain, loading state, running OnActivateAsync. Calls wait.</summary>
    Activating,

    /// <summary>Serving calls.</summary>
    Valid,

    /// <summary>Running OnDeactivateAsync after the last call. Calls wait and go to the next activation.</summary>
    Deactivating,

    /// <summary>Gone from the catalog; requests that reach it are routed again.</summary>
    Invalid,
}
