using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Configs;

/// <summary>
/// A named, versioned configuration (key: its name, see <see cref="ConfigNames"/>): every save a new version, validated
/// against the configuration's JSON Schema; one active version pushed to the subscribers; consumers report whether an
/// activation worked, and a failure rolls back to the last known good version and enters recovery mode.
/// </summary>
public interface IConfigGrain : IGrainWithStringKey
{
    /// <summary>How long a subscription lasts unless renewed, in seconds.</summary>
    const int SubscriptionSeconds = 180;

    /// <summary>Version <paramref name="version"/>, or the active one when null; null when there is no such version.</summary>
    [ReadOnly]
    Task<ConfigDocumentInfo?> GetAsync(string? version, CancellationToken cancellationToken = default);

    /// <summary>Every kept version and the activation state.</summary>
    [ReadOnly]
    Task<ConfigStatusInfo> GetStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>Validates and saves a new version, activating it when asked; the result holds the diff against the previously active version.</summary>
    Task<ConfigChangeResult> SaveAsync(ConfigSaveRequest request, CancellationToken cancellationToken = default);

    /// <summary>Makes <paramref name="version"/> the active version and pushes it to the subscribers.</summary>
    Task<ConfigChangeResult> ActivateAsync(string version, string actor, CancellationToken cancellationToken = default);

    /// <summary>Deletes <paramref name="version"/> for good; never the active version.</summary>
    Task<ConfigChangeResult> DeleteVersionAsync(string version, CancellationToken cancellationToken = default);

    /// <summary>Saves a new version with the document of <paramref name="version"/> (an old one), activating it when asked.</summary>
    Task<ConfigChangeResult> RestoreAsync(string version, bool activate, string author, CancellationToken cancellationToken = default);

    /// <summary>The diff from <paramref name="baseVersion"/> (the active version when null) to an unsaved document.</summary>
    [ReadOnly]
    Task<ConfigChangeResult> DiffAsync(string documentJson, string? baseVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// The diff between two saved versions: from <paramref name="from"/> (the active version when null) to
    /// <paramref name="to"/> (the active version when null).
    /// </summary>
    [ReadOnly]
    Task<ConfigChangeResult> DiffVersionsAsync(string? from, string? to, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a consumer's outcome of activating a version. Success with the active version makes it the last known good
    /// one and, unless a rollback activated it, ends recovery mode; failure rolls back to the last known good version (pushed to the subscribers) and enters
    /// recovery mode. A report on a version that is no longer active changes nothing.
    /// </summary>
    Task<ConfigChangeResult> ReportActivationAsync(ConfigActivationReport report, CancellationToken cancellationToken = default);

    /// <summary>The schema and variables.</summary>
    [ReadOnly]
    Task<ConfigSettingsInfo> GetSettingsAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the schema and variables; saved versions are not re-validated, the active one is re-pushed with the new variables.</summary>
    Task<ConfigChangeResult> SetSettingsAsync(ConfigSettingsInfo settings, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves <paramref name="documentJson"/> as version 1.0.0, active and last known good, with the given settings, when the
    /// configuration has no version yet (a first start); false, changing nothing, otherwise.
    /// </summary>
    Task<bool> BootstrapAsync(string documentJson, ConfigSettingsInfo settings, CancellationToken cancellationToken = default);

    /// <summary>Subscribes, or renews a subscription, to the activations; renew within <see cref="SubscriptionSeconds"/>.</summary>
    Task SubscribeAsync(IConfigObserver observer, CancellationToken cancellationToken = default);

    /// <summary>Ends a subscription.</summary>
    Task UnsubscribeAsync(IConfigObserver observer, CancellationToken cancellationToken = default);
}
