using Cluster.Grains.Interfaces.Identity;

namespace Cluster.ApiHost.Oidc;

/// <summary>The outcome of checking an external token.</summary>
/// <param name="Identity">Who the token names, when it passed.</param>
/// <param name="Expires">When a token that passed expires (UTC).</param>
/// <param name="Failure">Why it did not pass, worded for the token's holder (nothing secret).</param>
/// <param name="ProviderUnavailable">True when the provider's discovery document or keys could not be read, so nothing was decided.</param>
public sealed record OidcTokenCheck(ExternalIdentity? Identity, DateTime Expires, string? Failure, bool ProviderUnavailable = false)
{
    /// <summary>Whether the token passed.</summary>
    public bool IsValid => Identity is not null;
}
