namespace Cluster.Grains.Interfaces.Configs;

/// <summary>A version made active, as pushed to the configuration's subscribers.</summary>
/// <param name="Name">The configuration.</param>
/// <param name="Version">The version now active.</param>
/// <param name="ResolvedJson">Its document with the variables resolved.</param>
/// <param name="IsRollback">Whether it was activated by rolling back from a version that failed.</param>
/// <param name="RecoveryMode">Whether the configuration is in recovery mode.</param>
/// <param name="Reason">Why it was activated: who activated it, or which failure rolled it back.</param>
public sealed record ConfigActivation(string Name, string Version, string ResolvedJson, bool IsRollback, bool RecoveryMode, string Reason);
