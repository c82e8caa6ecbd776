using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Oidc;

/// <summary>Registers the external identity providers (<see cref="OidcOptions"/>), validated at start.</summary>
public static class OidcHostingExtensions
{
    // Discovery and key documents are small; a provider that does not answer in time is reported as unavailable.
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);

    public static IServiceCollection AddOidcProviders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OidcOptions>().Bind(configuration.GetSection(OidcOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OidcOptions>, OidcOptionsValidator>();
        services.AddHttpClient(OidcTokenValidator.HttpClientName, client => client.Timeout = MetadataTimeout);
        services.AddSingleton<OidcTokenValidator>();
        services.AddSingleton<ExternalBearerAuthenticator>();
        return services;
    }
}
