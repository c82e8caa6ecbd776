namespace Cluster.Grains.Interfaces.Users;

/// <summary>The outcome of a preferences change.</summary>
/// <param name="Preferences">The preferences after the change; as before when it was refused.</param>
/// <param name="Problem">Why the change was refused, in words for the user; null when it was applied.</param>
public sealed record PreferencesUpdate(PreferencesInfo Preferences, string? Problem);
