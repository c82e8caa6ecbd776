using Cluster.Grains.Channels;
using Cluster.Grains.Chats.Models;
using Cluster.Grains.Configs;
using Cluster.Grains.Identity;
using Cluster.Grains.Plugins;
using Cluster.Grains.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Cluster.Grains;

/// <summary>The services the grains use, registered by every process that hosts them (silos, and the API host in embedded mode).</summary>
public static class GrainServiceCollectionExtensions
{
    public static IServiceCollection AddGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SigningKeyProtectionOptions>().Bind(configuration.GetSection(SigningKeyProtectionOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SigningKeyProtectionOptions>, SigningKeyProtectionOptionsValidator>();
        services.AddSingleton<SigningKeyProtector>();
        services.AddHostedService<SigningKeyProtectionNotice>();
        services.AddChatModels(configuration);
        services.AddPlugins(configuration);
        services.AddConfigsAndChannels(configuration);
        return services;
    }

    /// <summary>Versioned configurations (<see cref="ConfigOptions"/>, bootstrapped at start) and the channels' producers (<see cref="ProducerOptions"/>).</summary>
    public static IServiceCollection AddConfigsAndChannels(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConfigOptions>().Bind(configuration.GetSection(ConfigOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConfigOptions>, ConfigOptionsValidator>();
        services.AddOptions<ProducerOptions>().Bind(configuration.GetSection(ProducerOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProducerOptions>, ProducerOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        // A redirect could lead a producer to a host Channels:Producers:AllowedHosts does not allow.
        services.AddHttpClient(ChannelProducerGrain.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        services.AddHostedService<ConfigBootstrapper>();
        services.AddHostedService<ProducerKeeper>();
        return services;
    }

    /// <summary>Feature services (<see cref="PluginOptions"/>): their client, validated options, and the keeper that has them polled.</summary>
    public static IServiceCollection AddPlugins(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PluginOptions>().Bind(configuration.GetSection(PluginOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PluginOptions>, PluginOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        // Each request has its own deadline (PluginOptions.RequestTimeout); the client's would only cut it differently.
        services.AddHttpClient(PluginServiceClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        services.AddSingleton<PluginServiceClient>();
        services.AddHostedService<ServiceKeeper>();
        return services;
    }

    /// <summary>The chat models and their providers (<see cref="ChatOptions"/>), validated at start.</summary>
    public static IServiceCollection AddChatModels(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ChatOptions>().Bind(configuration.GetSection(ChatOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<ChatOptions>, ChatOptionsSetup>();
        services.AddSingleton<IValidateOptions<ChatOptions>, ChatOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        // Timeouts are the provider's own (first token, idle); the client's must not cut a long answer short.
        services.AddHttpClient(OpenAiCompatibleModel.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<LocalDevelopmentModel>();
        services.TryAddSingleton<IAiConnectionSource, PlatformAiConnectionSource>();
        services.AddSingleton<OpenAiCompatibleModel>();
        services.AddSingleton<ChatModelRouter>();
        return services;
    }
}
