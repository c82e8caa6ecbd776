namespace Cluster.Grains.Interfaces.Plugins;

/// <summary>A plugin's settings as read or changed, with the values of secret fields masked.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Settings">The settings (a JSON object as text) when <paramref name="Outcome"/> is Ok; secrets masked (<see cref="Settings.SettingsMasks.Secret"/>).</param>
/// <param name="Errors">What is wrong, for Invalid (one message per schema error), Rejected and the failures.</param>
/// <param name="ChangedFields">JSON Pointers of the fields a change set or removed (never their values), for the audit trail.</param>
public sealed record PluginSettingsResult(
    PluginSettingsOutcome Outcome,
    string? Settings,
    IReadOnlyList<string> Errors,
    IReadOnlyList<string> ChangedFields);
