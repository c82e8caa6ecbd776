using Cluster.Runtime.Messaging.Remote;
using Cluster.Runtime.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Hosting;

/// <summary>Lets clients in other processes call this silo's grains.</summary>
public static class GatewayHostingExtensions
{
    /// <summary>
    /// Listens for client connections on <c>Gateway:ListenAddress</c>:<c>Gateway:Port</c> (127.0.0.1:30000 by default).
    /// </summary>
    public static ISiloBuilder AddGateway(this ISiloBuilder silo, Action<GatewayOptions>? configure = null)
    {
        var services = silo.Services;
        var options = services.AddOptions<GatewayOptions>().Bind(silo.Configuration.GetSection(GatewayOptions.SectionName));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        services.AddTransportOptions(silo.Configuration);
        services.AddSingleton<SiloGateway>();
        services.AddSingleton<ISiloLifecycleParticipant>(sp => sp.GetRequiredService<SiloGateway>());
        return silo;
    }

    internal static void AddTransportOptions(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(service => service.ServiceType == typeof(IValidateOptions<TransportOptions>)))
        {
            return;
        }

        services.AddOptions<TransportOptions>().Bind(configuration.GetSection(TransportOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TransportOptions>, TransportOptionsValidator>();
    }
}
