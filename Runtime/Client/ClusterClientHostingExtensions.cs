using Cluster.Runtime.Core;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Membership;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Client;

/// <summary>Makes a host a client of a cluster, as Orleans's <c>UseOrleansClient</c> does.</summary>
public static class ClusterClientHostingExtensions
{
    /// <summary>
    /// Registers <see cref="IClusterClient"/> and <see cref="IGrainFactory"/> backed by connections to the silo
    /// gateways listed under <c>ClusterClient:Gateways</c>; they open when the host starts and reopen when lost.
    /// </summary>
    public static IHostApplicationBuilder UseClusterClient(this IHostApplicationBuilder builder, Action<ClusterClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(service => service.ServiceType == typeof(IClusterClient)))
        {
            throw new InvalidOperationException("The host already has a cluster client or a silo; a process is either a client (UseClusterClient) or hosts a silo (UseSilo).");
        }

        var options = services.AddOptions<ClusterClientOptions>().Bind(builder.Configuration.GetSection(ClusterClientOptions.SectionName));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClusterClientOptions>, ClusterClientOptionsValidator>();
        services.AddTransportOptions(builder.Configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IExternalScopeProvider, RequestContextScopeProvider>();
        services.AddSingleton<ClusterClient>();
        services.AddSingleton<IClusterClient>(sp => sp.GetRequiredService<ClusterClient>());
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<ClusterClient>());
        services.AddHostedService(sp => sp.GetRequiredService<ClusterClient>());
        return builder;
    }

    /// <summary>
    /// Also connects to the gateways of every Active silo in the membership table of
    /// <c>Membership:Postgres</c>, following silos as they join and leave, and reads the cluster's grain directory in
    /// the same database, so each call goes straight to the silo that hosts its grain.
    /// </summary>
    public static IHostApplicationBuilder AddPostgresGatewayDiscovery(this IHostApplicationBuilder builder, Action<PostgresMembershipOptions>? configure = null)
    {
        var services = builder.Services;
        var options = services.AddOptions<PostgresMembershipOptions>().Bind(builder.Configuration.GetSection(PostgresMembershipOptions.SectionName));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.AddSingleton<IValidateOptions<PostgresMembershipOptions>, PostgresMembershipOptionsValidator>();
        services.TryAddSingleton<IMembershipTable>(sp => new PostgresMembershipTable(
            sp.GetRequiredService<IOptions<PostgresMembershipOptions>>().Value, sp.GetRequiredService<ILogger<PostgresMembershipTable>>()));
        services.TryAddSingleton(sp => new PostgresMembershipWatcher(
            sp.GetRequiredService<IOptions<PostgresMembershipOptions>>().Value, sp.GetRequiredService<ILogger<PostgresMembershipWatcher>>()));
        services.AddSingleton<IGatewayListProvider, MembershipGatewayListProvider>();
        services.TryAddMembershipDirectory();
        return builder;
    }

    /// <summary>
    /// Adds <see cref="AddPostgresGatewayDiscovery"/> when <c>Membership:Postgres:ConnectionString</c> is set, so a
    /// deployment chooses between a fixed gateway list and discovery by configuration alone.
    /// </summary>
    public static IHostApplicationBuilder AddGatewayDiscoveryFromConfiguration(this IHostApplicationBuilder builder) =>
        PostgresMembershipOptions.IsConfigured(builder.Configuration) ? builder.AddPostgresGatewayDiscovery() : builder;

    /// <summary>Registers the client's readiness check (a gateway connection is open), tagged for <c>/health/ready</c>.</summary>
    public static IHealthChecksBuilder AddClusterClientHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks().AddCheck<ClusterClientHealthCheck>("cluster-client", tags: [SiloHealthEndpoints.ReadyTag]);
}
