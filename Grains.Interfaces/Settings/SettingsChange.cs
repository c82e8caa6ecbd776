namespace Cluster.Grains.Interfaces.Settings;

/// <summary>How a change of settings ended.</summary>
/// <param name="Errors">What is wrong with the change, one message per setting; empty when it was applied.</param>
/// <param name="Changed">The names of the settings it changed (never their values), for the audit trail.</param>
public sealed record SettingsChange(IReadOnlyList<string> Errors, IReadOnlyList<string> Changed)
{
    /// <summary>Whether the change was applied.</summary>
    public bool Applied => Errors.Count == 0;
}
