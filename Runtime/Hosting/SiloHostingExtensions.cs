using System.Reflection;
using Cluster.Runtime.Activation;
using Cluster.Runtime.Core;
using Cluster.Runtime.Diagnostics;
using Cluster.Runtime.Reminders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Hosting;

/// <summary>Adds a silo to a host, as Orleans's <c>UseOrleans</c> does.</summary>
public static class SiloHostingExtensions
{
    /// <summary>
    /// Runs a silo in this host: the grain runtime starts with the host (after its storage providers are
    /// initialized) and stops with it, deactivating every activation. Registers <see cref="IGrainFactory"/> and
    /// <see cref="IClusterClient"/> for the host's own code.
    /// </summary>
    public static IHostApplicationBuilder UseSilo(this IHostApplicationBuilder builder, Action<ISiloBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(service => service.ServiceType == typeof(GrainRuntime)))
        {
            throw new InvalidOperationException("UseSilo was called twice on one host; configure the silo in a single call.");
        }

        if (services.Any(service => service.ServiceType == typeof(IClusterClient)))
        {
            throw new InvalidOperationException("The host already has a cluster client; a process is either a client (UseClusterClient) or hosts a silo (UseSilo).");
        }

        services.AddOptions<SiloOptions>().Bind(builder.Configuration.GetSection(SiloOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SiloOptions>, SiloOptionsValidator>();
        services.TryAddSingleton<IExternalScopeProvider, RequestContextScopeProvider>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddClusterMetrics(builder.Configuration);
        services.AddRecentLogs();
        services.TryAddSingleton<RuntimeMetrics>();
        services.AddSingleton<GrainRuntime>();
        services.AddSingleton(sp => new SiloStatistics(sp.GetRequiredService<GrainRuntime>(), sp));
        services.AddSingleton<IClusterClient>(sp => sp.GetRequiredService<GrainRuntime>().GrainFactory);
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>().GrainFactory);
        services.AddReminders(builder.Configuration);
        services.AddHostedService<SiloHostedService>();
        configure?.Invoke(new SiloBuilder(services, builder.Configuration));
        return builder;
    }

    /// <summary>Runs the grain classes of <paramref name="assembly"/> (assemblies the host references are found without this).</summary>
    public static ISiloBuilder AddGrainAssembly(this ISiloBuilder silo, Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        silo.Services.Configure<GrainAssemblyList>(options => options.Assemblies.Add(assembly));
        return silo;
    }

    /// <summary>Runs only the assemblies added with <see cref="AddGrainAssembly"/>, not those found in the host.</summary>
    public static ISiloBuilder DisableGrainAssemblyDiscovery(this ISiloBuilder silo)
    {
        silo.Services.Configure<GrainAssemblyList>(options => options.IncludeDiscovered = false);
        return silo;
    }
}
