using Cluster.Runtime.Membership;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Hosting;

/// <summary>Makes a silo a member of a cluster coordinated through PostgreSQL.</summary>
public static class ClusteringHostingExtensions
{
    /// <summary>
    /// Joins the cluster named by <c>Membership:Postgres:ClusterId</c> in the database of
    /// <c>Membership:Postgres:ConnectionString</c>, under the gateway's endpoint. Call after <c>AddGateway</c>.
    /// </summary>
    public static ISiloBuilder AddPostgresClustering(this ISiloBuilder silo, Action<PostgresMembershipOptions>? configure = null)
    {
        var services = silo.Services;
        var postgres = services.AddOptions<PostgresMembershipOptions>().Bind(silo.Configuration.GetSection(PostgresMembershipOptions.SectionName));
        if (configure is not null)
        {
            postgres.Configure(configure);
        }

        postgres.ValidateOnStart();
        services.AddSingleton<IValidateOptions<PostgresMembershipOptions>, PostgresMembershipOptionsValidator>();
        services.AddOptions<ClusterMembershipOptions>().Bind(silo.Configuration.GetSection(ClusterMembershipOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClusterMembershipOptions>, ClusterMembershipOptionsValidator>();
        services.AddSingleton<IMembershipTable>(sp => new PostgresMembershipTable(
            sp.GetRequiredService<IOptions<PostgresMembershipOptions>>().Value, sp.GetRequiredService<ILogger<PostgresMembershipTable>>()));
        services.AddSingleton(sp => new PostgresMembershipWatcher(
            sp.GetRequiredService<IOptions<PostgresMembershipOptions>>().Value, sp.GetRequiredService<ILogger<PostgresMembershipWatcher>>()));
        services.AddSingleton<MembershipService>();
        services.AddHostedService(sp => sp.GetRequiredService<MembershipService>());
        return silo;
    }
}
