namespace Cluster.Runtime.Activation;

/// <summary>A life-cycle step an activation's scheduler runs as a turn.</summary>
internal enum LifecycleStep
{
    None,
    Activate,
    Deactivate,
}
