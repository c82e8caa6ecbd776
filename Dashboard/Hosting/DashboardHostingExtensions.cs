using Cluster.Dashboard.Access;
using Cluster.Dashboard.Sampling;
using Cluster.Runtime.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Cluster.Dashboard.Hosting;

/// <summary>Registers the dashboard on a silo or an API host (map it with <c>MapClusterDashboard</c>).</summary>
public static class DashboardHostingExtensions
{
    /// <summary>Adds the dashboard's options (section <see cref="DashboardOptions.SectionName"/>), access check and sampler.</summary>
    public static IServiceCollection AddClusterDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection(DashboardOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new DashboardAccess(sp.GetRequiredService<IOptions<DashboardOptions>>().Value));
        services.TryAddSingleton<DashboardSampler>();

        // The log stream shows this process's own lines too when it is not a silo (silos add it themselves).
        services.AddRecentLogs();
        return services;
    }
}
