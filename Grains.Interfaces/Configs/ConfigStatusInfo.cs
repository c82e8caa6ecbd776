namespace Cluster.Grains.Interfaces.Configs;

/// <summary>A configuration's versions and where its consumers stand.</summary>
/// <param name="Name">The configuration.</param>
/// <param name="Versions">Every kept version, newest first.</param>
/// <param name="Active">The version consumers are to run, if any.</param>
/// <param name="LastKnownGood">The last version a consumer reported running successfully; a failed activation rolls back to it.</param>
/// <param name="RecoveryMode">
/// Whether an activation failed and the configuration was rolled back (or could not be); it stays in recovery mode until a
/// consumer reports success with a version a user activated (the version rolled back to working does not end it).
/// </param>
/// <param name="RecoveryReason">Why it is in recovery mode.</param>
/// <param name="LastReport">The last activation outcome a consumer reported.</param>
/// <param name="HasSchema">Whether saves are validated against a JSON Schema.</param>
public sealed record ConfigStatusInfo(
    string Name,
    IReadOnlyList<ConfigVersionInfo> Versions,
    string? Active,
    string? LastKnownGood,
    bool RecoveryMode,
    string? RecoveryReason,
    ConfigActivationReport? LastReport,
    bool HasSchema);
