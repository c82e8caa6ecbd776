using Cluster.Runtime.Hosting;

namespace Cluster.ApiHost.Hosting;

/// <summary>Embedded mode: the API host runs a silo in its own process, on the storage configured under <c>Storage</c>.</summary>
public static class EmbeddedSiloExtensions
{
    /// <summary>Co-hosts a silo whose grains the API host calls in process (SQLite under ./data unless configured).</summary>
    public static WebApplicationBuilder AddEmbeddedSilo(this WebApplicationBuilder builder)
    {
        builder.UseSilo(silo => silo.AddGrainStorageFromConfiguration());
        return builder;
    }
}
