using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Users;

/// <summary>A user's preferences, keyed by user id: pinned apps and free-form UI settings.</summary>
public interface IPreferencesGrain : IGrainWithStringKey
{
    /// <summary>The preferences; empty ones for a user who set none.</summary>
    [ReadOnly]
    Task<PreferencesInfo> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>The UI preferences in effect, with the administrators' policy (<see cref="IPreferencesPolicyGrain"/>) applied.</summary>
    [ReadOnly]
    Task<EffectivePreferencesInfo> GetEffectiveAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies <paramref name="patch"/> as one change, so concurrent patches of different settings both hold. Refused,
    /// changing nothing, when an app id is not a slug, there are more than <see cref="PreferencesLimits.MaxPinnedApps"/>,
    /// the merge patch is not a JSON object or touches a key the administrators locked, or the result exceeds <see cref="PreferencesLimits.MaxUiBytes"/>.
    /// </summary>
    Task<PreferencesUpdate> PatchAsync(PreferencesPatch patch, CancellationToken cancellationToken = default);
}
