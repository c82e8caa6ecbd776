using Cluster.ApiHost.Admin;
using Cluster.ApiHost.Auth;
using Cluster.ApiHost.Groups;
using Cluster.ApiHost.Oidc;
using Cluster.ApiHost.Users;
using Cluster.Grains.Interfaces.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Identity;

/// <summary>Registers the API host's identity services and options (validated at start).</summary>
public static class IdentityHostingExtensions
{
    public static WebApplicationBuilder AddIdentityServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<PasswordHashingOptions>().Bind(configuration.GetSection(PasswordHashingOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PasswordHashingOptions>, PasswordHashingOptionsValidator>();
        services.AddOptions<PasswordPolicyOptions>().Bind(configuration.GetSection(PasswordPolicyOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PasswordPolicyOptions>, PasswordPolicyOptionsValidator>();
        services.AddOptions<AccessTokenOptions>().Bind(configuration.GetSection(AccessTokenOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccessTokenOptions>, AccessTokenOptionsValidator>();
        services.AddOptions<SessionLifetimeOptions>().Bind(configuration.GetSection(SessionLifetimeOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SessionLifetimeOptions>, SessionLifetimeOptionsValidator>();
        services.AddOptions<AuthCookieOptions>().Bind(configuration.GetSection(AuthCookieOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthCookieOptions>, AuthCookieOptionsValidator>();
        services.AddOptions<PasswordResetOptions>().Bind(configuration.GetSection(PasswordResetOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PasswordResetOptions>, PasswordResetOptionsValidator>();
        services.AddOidcProviders(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<PasswordPolicy>();
        services.AddSingleton<SigningKeyCache>();
        services.AddSingleton<AccessTokenService>();
        services.AddSingleton<AccessTokenAuthenticator>();
        services.AddSingleton<AuthCookies>();
        services.AddSingleton<SignInService>();
        services.AddSingleton<SignInFlow>();
        services.AddSingleton<GroupService>();
        services.AddSingleton<PasswordResetMailer>();
        services.AddHostedService(provider => provider.GetRequiredService<PasswordResetMailer>());
        services.AddAuthentication(AccessTokenAuthenticator.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ClusterAuthenticationHandler>(AccessTokenAuthenticator.Scheme, configureOptions: null);
        services.AddAuthorizationBuilder()
            .AddPolicy(IdentityPolicies.Admin, policy => policy.RequireAuthenticatedUser().RequireRole(IdentityNames.Admin))
            .AddPolicy(IdentityPolicies.RegularUser, policy => policy.RequireAuthenticatedUser().RequireClaim(AccessTokenClaims.UserType, IdentityNames.Of(UserType.Regular)));
        return builder;
    }

    /// <summary>Every identity route: keys, sign-in, passwords, sessions, the user's own data, groups and administration.</summary>
    public static IEndpointRouteBuilder MapIdentityEndpoints(this IEndpointRouteBuilder endpoints) => endpoints
        .MapJwks()
        .MapAuthEndpoints()
        .MapOidcEndpoints()
        .MapPasswordEndpoints()
        .MapSessionEndpoints()
        .MapUserEndpoints()
        .MapGroupEndpoints()
        .MapAdminUserEndpoints()
        .MapAdminGroupEndpoints()
        .MapAdminAuditEndpoints();
}
