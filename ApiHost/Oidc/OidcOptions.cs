using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Oidc;

/// <summary>External identity providers whose tokens sign people in (<c>Identity:Oidc</c>). None by default.</summary>
public sealed class OidcOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Identity:Oidc";

    /// <summary>The providers by name (a name of your choice; it appears in <c>GET /api/auth/oidc/providers</c>).</summary>
    public Dictionary<string, OidcProviderOptions> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>Checks <see cref="OidcOptions"/> at start and says which setting to change.</summary>
internal sealed class OidcOptionsValidator : IValidateOptions<OidcOptions>
{
    public ValidateOptionsResult Validate(string? name, OidcOptions options)
    {
        var failures = new List<string>();
        var issuers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (providerName, provider) in options.Providers)
        {
            var section = $"{OidcOptions.SectionName}:Providers:{providerName}";
            if (!Uri.TryCreate(provider.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
            {
                failures.Add($"{section}:{nameof(OidcProviderOptions.Authority)} is '{provider.Authority}'; set the authority's URL, such as https://login.example.com/realms/staff.");
            }
            else if (authority.Scheme == "http" && provider.RequireHttpsMetadata)
            {
                failures.Add($"{section}:{nameof(OidcProviderOptions.Authority)} is not https; use an https URL, or set {nameof(OidcProviderOptions.RequireHttpsMetadata)} to false for a local development authority.");
            }

            if (string.IsNullOrWhiteSpace(provider.EffectiveIssuer) || provider.EffectiveIssuer.Contains('|', StringComparison.Ordinal))
            {
                failures.Add($"{section}:{nameof(OidcProviderOptions.Issuer)} is '{provider.Issuer}'; set the iss its tokens carry (without '|'), or leave it unset to use the authority.");
            }
            else if (!issuers.Add(provider.EffectiveIssuer))
            {
                failures.Add($"{section} has the issuer '{provider.EffectiveIssuer}' of another provider; configure each authority once.");
            }

            if (string.IsNullOrWhiteSpace(provider.ClientId))
            {
                failures.Add($"{section}:{nameof(OidcProviderOptions.ClientId)} is empty; set the client id the frontend signs in with.");
            }

            if (string.IsNullOrWhiteSpace(provider.EmailClaim))
            {
                failures.Add($"{section}:{nameof(OidcProviderOptions.EmailClaim)} is empty; set the claim holding the email, such as email.");
            }

            if (provider.MaxIdTokenAge < TimeSpan.FromMinutes(1) || provider.MaxIdTokenAge > TimeSpan.FromHours(1))
            {
                failures.Add($"{section}:{nameof(OidcProviderOptions.MaxIdTokenAge)} is {provider.MaxIdTokenAge}; set it between 00:01:00 and 01:00:00.");
            }

            if (provider.MetadataRefreshInterval < TimeSpan.FromMinutes(5) || provider.MetadataRefreshInterval > TimeSpan.FromDays(7))
            {
                failures.Add($"{section}:{nameof(OidcProviderOptions.MetadataRefreshInterval)} is {provider.MetadataRefreshInterval}; set it between 00:05:00 and 7.00:00:00.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
