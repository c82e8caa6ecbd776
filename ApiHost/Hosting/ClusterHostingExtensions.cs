using Cluster.Dashboard.Hosting;
using Cluster.Grains;
using Cluster.Runtime.Client;
using Cluster.Runtime.Diagnostics;
using Cluster.Runtime.Hosting;

namespace Cluster.ApiHost.Hosting;

/// <summary>
/// How the API host reaches grains, chosen by <c>Cluster:Mode</c>: <c>Embedded</c> (default) co-hosts a silo on
/// the storage configured under <c>Storage</c> (SQLite under ./data unless set), <c>Client</c> connects to the
/// silo gateways listed under <c>ClusterClient:Gateways</c>, or, when <c>Membership:Postgres:ConnectionString</c> is
/// set, to those found in the membership table (the list is then ignored).
/// </summary>
public static class ClusterHostingExtensions
{
    public const string ModeKey = "Cluster:Mode";
    public const string EmbeddedMode = "Embedded";
    public const string ClientMode = "Client";

    public static WebApplicationBuilder AddCluster(this WebApplicationBuilder builder)
    {
        var mode = builder.Configuration[ModeKey] ?? EmbeddedMode;
        if (string.Equals(mode, EmbeddedMode, StringComparison.OrdinalIgnoreCase))
        {
            builder.UseSilo(silo => silo.AddGrainStorageFromConfiguration());
            builder.Services.AddSiloHealthChecks();
            builder.Services.AddGrainServices(builder.Configuration);
        }
        else if (string.Equals(mode, ClientMode, StringComparison.OrdinalIgnoreCase))
        {
            builder.UseClusterClient().AddGatewayDiscoveryFromConfiguration();
            if (builder.Services.Any(service => service.ServiceType == typeof(IGatewayListProvider)))
            {
                // Discovered gateways replace the fixed list, whose localhost default means nothing in a container.
                builder.Services.PostConfigure<ClusterClientOptions>(options => options.Gateways.Clear());
            }

            builder.Services.AddClusterClientHealthChecks();
        }
        else
        {
            throw new InvalidOperationException(
                $"{ModeKey} is '{mode}'; set {EmbeddedMode} (a silo in this process, the default) or {ClientMode} (connect to the silos listed under ClusterClient:Gateways or found through Membership:Postgres).");
        }

        builder.Services.AddClusterMetrics(builder.Configuration);
        builder.Services.AddClusterDashboard(builder.Configuration);
        builder.AddOtlpExportWhenConfigured("cluster-apihost");
        return builder;
    }
}
