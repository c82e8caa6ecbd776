using Cluster.Grains.Interfaces.Configs;

namespace Cluster.Grains.Configs;

/// <summary>The persisted metadata of a configuration; the documents live in revision grains.</summary>
public sealed class ConfigState
{
    /// <summary>Every kept version, in the order saved.</summary>
    public List<ConfigVersionInfo> Versions { get; set; } = [];

    public string? Active { get; set; }

    public string? LastKnownGood { get; set; }

    /// <summary>
    /// The good version before <see cref="LastKnownGood"/>: once one consumer reports the active version good, another's
    /// failure of it still has a version to roll back to.
    /// </summary>
    public string? PreviousGood { get; set; }

    public bool RecoveryMode { get; set; }

    /// <summary>Whether the active version was set by a rollback, not by a user: its success does not end recovery mode.</summary>
    public bool RolledBack { get; set; }

    public string? RecoveryReason { get; set; }

    public ConfigActivationReport? LastReport { get; set; }

    public string? SchemaJson { get; set; }

    public Dictionary<string, string> Variables { get; set; } = new(StringComparer.Ordinal);

    public ConfigState Copy() => new()
    {
        Versions = [.. Versions],
        Active = Active,
        LastKnownGood = LastKnownGood,
        PreviousGood = PreviousGood,
        RecoveryMode = RecoveryMode,
        RolledBack = RolledBack,
        RecoveryReason = RecoveryReason,
        LastReport = LastReport,
        SchemaJson = SchemaJson,
        Variables = new Dictionary<string, string>(Variables, StringComparer.Ordinal),
    };
}
