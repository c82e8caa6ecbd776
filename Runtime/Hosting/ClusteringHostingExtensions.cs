using Cluster.Runtime.Directory;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Messaging;
using Cluster.Runtime.Messaging.Remote;
using Cluster.Runtime.Placement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Hosting;

/// <summary>Makes a silo a member of a cluster coordinated through PostgreSQL.</summary>
public static class ClusteringHostingExtensions
{
    /// <summary>
    /// Joins a PostgreSQL-coordinated cluster (<see cref="AddPostgresClustering"/>) when
    /// <c>Membership:Postgres:ConnectionString</c> is set; otherwise the silo runs alone. For silo programs whose
    /// deployments choose by configuration (environment variables such as <c>Membership__Postgres__ConnectionString</c>).
    /// </summary>
    public static ISiloBuilder AddClusteringFromConfiguration(this ISiloBuilder silo) =>
        PostgresMembershipOptions.IsConfigured(silo.Configuration) ? silo.AddPostgresClustering() : silo;

    /// <summary>
    /// Joins the cluster named by <c>Membership:Postgres:ClusterId</c> in the database of
    /// <c>Membership:Postgres:ConnectionString</c>, under the gateway's endpoint: membership, failure detection
    /// (<c>Membership</c> section), connections to the other silos, and the grain directory in the same database and
    /// schema, so each grain has at most one activation in the cluster. Call after <c>AddGateway</c>.
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
        services.TryAddMembershipDirectory();

        services.AddSingleton<MembershipService>();
        services.AddSingleton<SiloConnections>();
        services.AddSingleton<PlacementDirector>();
        services.AddSingleton<ClusterRouter>();
        services.AddSingleton<FailureDetector>();
        // Connections from other silos are taken from the moment the silo listens, before others can know it; the
        // gateway drains them with its own when the silo stops.
        services.AddSingleton<ISiloLifecycleParticipant>(sp => new SiloLifecycleStep(
            SiloLifecycleStage.Transport,
            _ =>
            {
                sp.GetRequiredService<SiloConnections>().Start();
                return Task.CompletedTask;
            },
            _ => Task.CompletedTask));
        services.AddSingleton<ISiloLifecycleParticipant>(sp => new SiloLifecycleStep(
            SiloLifecycleStage.Membership, sp.GetRequiredService<MembershipService>().JoinAsync, _ => Task.CompletedTask));
        services.AddSingleton<ISiloLifecycleParticipant>(sp => sp.GetRequiredService<ClusterRouter>());
        services.AddSingleton<ISiloLifecycleParticipant>(sp => sp.GetRequiredService<FailureDetector>());
        services.AddSingleton<ISiloLifecycleParticipant>(sp => new SiloLifecycleStep(
            SiloLifecycleStage.Active, sp.GetRequiredService<MembershipService>().BecomeActiveAsync, sp.GetRequiredService<MembershipService>().BeginShutdownAsync));
        return silo;
    }

    /// <summary>The grain directory in the membership's database, schema and cluster, unless one is registered.</summary>
    internal static void TryAddMembershipDirectory(this IServiceCollection services) =>
        services.TryAddSingleton<IGrainDirectory>(sp => PostgresGrainDirectory.ForMembership(
            sp.GetRequiredService<IOptions<PostgresMembershipOptions>>().Value, sp.GetRequiredService<ILogger<PostgresGrainDirectory>>()));
}
