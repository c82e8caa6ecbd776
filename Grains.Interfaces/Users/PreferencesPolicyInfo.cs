namespace Cluster.Grains.Interfaces.Users;

/// <summary>What administrators set for every user's UI preferences.</summary>
/// <param name="DefaultsJson">Defaults (a JSON object) under every user's own preferences.</param>
/// <param name="LockedKeys">JSON Pointers (RFC 6901, such as <c>/theme</c>) users cannot change: they always hold the default, or are absent without one.</param>
/// <param name="UpdatedAt">When an administrator last set them; null if never.</param>
/// <param name="UpdatedBy">Who did (a user id).</param>
public sealed record PreferencesPolicyInfo(string DefaultsJson, IReadOnlyList<string> LockedKeys, DateTimeOffset? UpdatedAt, string? UpdatedBy)
{
    /// <summary>The most locked keys.</summary>
    public const int MaxLockedKeys = 100;

    /// <summary>No defaults, nothing locked.</summary>
    public static PreferencesPolicyInfo None { get; } = new("{}", [], null, null);
}
