namespace Cluster.Grains.Interfaces.Users;

/// <summary>A user's UI preferences as they apply: the administrators' defaults, the user's own on top, locked keys forced back.</summary>
/// <param name="UiJson">The preferences in effect, a JSON object.</param>
/// <param name="LockedKeys">The JSON Pointers the user cannot change.</param>
/// <param name="Version">The user's preferences version (grows with each of their changes).</param>
public sealed record EffectivePreferencesInfo(string UiJson, IReadOnlyList<string> LockedKeys, long Version);
