using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Diagnostics;

/// <summary>Registers <see cref="RecentLogs"/>.</summary>
public static class RecentLogsExtensions
{
    /// <summary>Adds <see cref="RecentLogs"/> as a singleton and as a logger provider, once however often it is called.</summary>
    public static IServiceCollection AddRecentLogs(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(service => service.ServiceType == typeof(RecentLogs)))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RecentLogs>();
        services.AddSingleton<ILoggerProvider>(sp => sp.GetRequiredService<RecentLogs>());
        return services;
    }
}
