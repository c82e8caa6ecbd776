using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Configs;

/// <summary>
/// The document of one configuration version (key <see cref="ConfigNames.RevisionKey"/>), written once by its configuration grain.
/// Kept apart so a configuration with many versions writes only its metadata on each change.
/// </summary>
public interface IConfigRevisionGrain : IGrainWithStringKey
{
    /// <summary>The document, or null when none was written.</summary>
    [ReadOnly]
    Task<string?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores the document.</summary>
    Task WriteAsync(string documentJson, CancellationToken cancellationToken = default);

    /// <summary>Removes the document.</summary>
    Task ClearAsync(CancellationToken cancellationToken = default);
}
