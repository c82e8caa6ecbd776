using Cluster.Runtime.Observers;

namespace Cluster.Grains.Interfaces.Configs;

/// <summary>A consumer of a configuration (the silos' channel producers, an API host), told of each activation.</summary>
public interface IConfigObserver : IGrainObserver
{
    /// <summary>
    /// A version was activated, by a user or by a rollback. One-way: a consumer that may have missed one re-reads the active
    /// version when it renews its subscription.
    /// </summary>
    void OnActivated(ConfigActivation activation);
}
