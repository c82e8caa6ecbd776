namespace Cluster.Runtime.Core;

/// <summary>
/// The grain factory of a process that calls into the cluster: the API host, tools, tests. In a process that
/// co-hosts a silo it is the silo's own factory.
/// </summary>
public interface IClusterClient : IGrainFactory
{
    /// <summary>The services of the client process.</summary>
    IServiceProvider ServiceProvider { get; }
}
