namespace Cluster.Grains.Users;

/// <summary>The persisted state of a user's preferences.</summary>
public sealed class PreferencesState
{
    public List<string> PinnedAppIds { get; set; } = [];

    /// <summary>The UI preferences as a JSON object's text.</summary>
    public string UiJson { get; set; } = "{}";

    public long Version { get; set; }

    /// <summary>A copy to restore when a write fails.</summary>
    public PreferencesState Clone() => new() { PinnedAppIds = [.. PinnedAppIds], UiJson = UiJson, Version = Version };
}
