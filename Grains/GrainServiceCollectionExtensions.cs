using Cluster.Grains.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
        return services;
    }
}
