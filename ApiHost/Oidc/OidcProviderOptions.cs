namespace Cluster.ApiHost.Oidc;

/// <summary>
/// One external OpenID Connect authority (Entra ID, Keycloak, any other), under <c>Identity:Oidc:Providers:&lt;name&gt;</c>.
/// Lists are comma-separated, so they can be set from one environment variable.
/// </summary>
public sealed class OidcProviderOptions
{
    /// <summary>
    /// The authority's URL; its discovery document is read from <c>{Authority}/.well-known/openid-configuration</c>, and
    /// its signing keys from the <c>jwks_uri</c> there. Required; https unless <see cref="RequireHttpsMetadata"/> is false.
    /// </summary>
    public string Authority { get; set; } = string.Empty;

    /// <summary>The <c>iss</c> the provider's tokens carry. Default: <see cref="Authority"/> without a trailing slash.</summary>
    public string? Issuer { get; set; }

    /// <summary>The client id the frontend signs in with: the audience every id_token must name. Required.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>Whether API requests may carry the provider's access tokens as <c>Authorization: Bearer</c>. Default true.</summary>
    public bool AcceptAccessTokens { get; set; } = true;

    /// <summary>The audiences accepted in access tokens, comma-separated. Default: <see cref="ClientId"/>.</summary>
    public string? Audiences { get; set; }

    /// <summary>Whether discovery and keys must come over https. Default true; turn off only for a local development authority.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// Where the role names are in a token, comma-separated claim paths: dots go into objects, <c>{azp}</c> stands for
    /// the token's authorised party (Keycloak: <c>realm_access.roles,resource_access.{azp}.roles</c>). Default <c>roles</c>
    /// (Entra ID app roles). Empty: the provider does not decide roles, and administrators set them here.
    /// </summary>
    public string RoleClaims { get; set; } = "roles";

    /// <summary>
    /// Role names that make the account an administrator, comma-separated, compared exactly. Default <c>admin</c>.
    /// When roles are mapped, the provider owns the role: every sign-in sets it.
    /// </summary>
    public string AdminRoles { get; set; } = "admin";

    /// <summary>
    /// Where the group names are in a token, comma-separated claim paths as in <see cref="RoleClaims"/>. The user joins
    /// the groups of those names that exist here, and leaves the ones it joined that way once they are no longer listed.
    /// Default <c>groups</c>; empty: the provider does not decide groups.
    /// </summary>
    public string GroupClaims { get; set; } = "groups";

    /// <summary>The claim holding the email. Default <c>email</c>.</summary>
    public string EmailClaim { get; set; } = "email";

    /// <summary>
    /// Whether the provider's emails count as verified without an <c>email_verified: true</c> claim (for providers
    /// that vouch for every address they issue). Default false. Unverified addresses are never used.
    /// </summary>
    public bool TrustEmails { get; set; }

    /// <summary>
    /// Whether a person whose verified email already has an account signs in to that account, which is then linked
    /// to the provider: its password is removed and its sessions end (registration here does not prove the address,
    /// so whoever registered it first must not keep a way in). Accounts linked to another provider are never
    /// linked. Default false: such a sign-in is refused with 409, as the provider could otherwise take over an
    /// account registered here.
    /// </summary>
    public bool LinkByEmail { get; set; }

    /// <summary>
    /// How old (by <c>iat</c>) an id_token may be when exchanged at <c>POST /api/auth/oidc</c>. Default 10 min; from
    /// 1 min to 1 h. Shorter makes a leaked id_token useful for less time.
    /// </summary>
    public TimeSpan MaxIdTokenAge { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How often discovery and keys are read again. Default 12 h; from 5 min to 7 days. A token signed with a key not
    /// yet known makes an earlier read, at most once every 5 minutes.
    /// </summary>
    public TimeSpan MetadataRefreshInterval { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The issuer tokens are matched against.</summary>
    internal string EffectiveIssuer => Issuer ?? Authority.TrimEnd('/');

    /// <summary>The audiences access tokens may name.</summary>
    internal IReadOnlyList<string> EffectiveAudiences => string.IsNullOrWhiteSpace(Audiences) ? [ClientId] : Split(Audiences);

    /// <summary>A comma-separated list as its trimmed, non-empty items.</summary>
    internal static string[] Split(string? list) =>
        (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
