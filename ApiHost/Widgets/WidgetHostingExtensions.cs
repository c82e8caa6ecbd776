using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Widgets;

/// <summary>The services of the widget registry.</summary>
public static class WidgetHostingExtensions
{
    public static WebApplicationBuilder AddWidgetServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WidgetOptions>().Bind(builder.Configuration.GetSection(WidgetOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WidgetOptions>, WidgetOptionsValidator>();

        // A redirect could lead a download to a host Widgets:AllowedHosts does not allow.
        services.AddHttpClient(WidgetDownloader.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        services.AddSingleton<WidgetDownloader>();
        services.AddSingleton<WidgetCache>();
        services.AddSingleton<WidgetRegistrar>();
        services.AddHostedService<WidgetPrewarmer>();
        return builder;
    }
}
