namespace Cluster.Grains.Interfaces.Users;

/// <summary>A change to a user's preferences.</summary>
/// <param name="PinnedAppIds">The new pinned apps, replacing the old list; null leaves it as it is.</param>
/// <param name="UiMergePatch">
/// A JSON Merge Patch (RFC 7396) applied to the UI preferences, or the JSON <c>null</c> to clear them; null leaves them as they are.
/// </param>
public sealed record PreferencesPatch(IReadOnlyList<string>? PinnedAppIds, string? UiMergePatch);
