using Cluster.ApiHost.Settings;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Plugins;

/// <summary>The services and routes of feature services, plugins, the feature proxy and the administrators' settings.</summary>
public static class PluginHostingExtensions
{
    public static WebApplicationBuilder AddPluginServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<FeatureProxyOptions>().Bind(builder.Configuration.GetSection(FeatureProxyOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FeatureProxyOptions>, FeatureProxyOptionsValidator>();
        services.AddSingleton<PluginCatalog>();
        services.AddHostedService(provider => provider.GetRequiredService<PluginCatalog>());
        services.AddSingleton<CallerGroups>();
        services.AddSingleton<FeatureProxy>();

        // Timeouts are the proxy's own (headers only): a streamed answer must not be cut by the client's.
        services.AddHttpClient(FeatureProxy.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                UseProxy = false,
                AutomaticDecompression = System.Net.DecompressionMethods.None,
                ConnectTimeout = provider.GetRequiredService<IOptions<FeatureProxyOptions>>().Value.ConnectTimeout,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
        return builder;
    }

    public static IEndpointRouteBuilder MapPluginFeature(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapServiceEndpoints().MapPluginEndpoints().MapProxyEndpoints().MapSettingsEndpoints();
}
