namespace Cluster.Grains.Interfaces.Users;

/// <summary>A user's preferences.</summary>
/// <param name="PinnedAppIds">The apps pinned to the dashboard, in the user's order.</param>
/// <param name="UiJson">Free-form UI preferences, a JSON object (<c>{}</c> when none).</param>
/// <param name="Version">Grows with every change; 0 before the first.</param>
public sealed record PreferencesInfo(IReadOnlyList<string> PinnedAppIds, string UiJson, long Version);
