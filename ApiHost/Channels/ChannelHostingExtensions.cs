using Cluster.ApiHost.Configs;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Channels;

/// <summary>The services and routes of channels and versioned configurations (which publish their activations on channels).</summary>
public static class ChannelHostingExtensions
{
    public static WebApplicationBuilder AddChannelServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ChannelFanOutOptions>().Bind(builder.Configuration.GetSection(ChannelFanOutOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ChannelFanOutOptions>, ChannelFanOutOptionsValidator>();
        services.AddSingleton<ChannelAccess>();
        services.AddSingleton<ChannelHub>();
        return builder;
    }

    public static IEndpointRouteBuilder MapConfigAndChannels(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapConfigEndpoints().MapChannelEndpoints();
}
