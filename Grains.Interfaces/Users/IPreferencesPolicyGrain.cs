using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Users;

/// <summary>The administrators' defaults and locked keys of the UI preferences (one grain, key <see cref="Key"/>), read by every preferences grain.</summary>
public interface IPreferencesPolicyGrain : IGrainWithStringKey
{
    /// <summary>The one grain's key.</summary>
    const string Key = "all";

    /// <summary>The policy in effect.</summary>
    [AlwaysInterleave]
    Task<PreferencesPolicyInfo> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the policy; null when it was set, else what is wrong (defaults not a JSON object or larger than
    /// <see cref="PreferencesLimits.MaxUiBytes"/>, a locked key that is not a JSON Pointer, too many keys). Holds for every
    /// user's next read and change.
    /// </summary>
    Task<string?> SetAsync(string defaultsJson, IReadOnlyList<string> lockedKeys, string actorId, CancellationToken cancellationToken = default);
}
