using System.Security.Claims;

namespace Cluster.ApiHost.Identity;

/// <summary>The outcome of checking an access token.</summary>
/// <param name="Principal">The token's claims, when it passed.</param>
/// <param name="Failure">Why it did not, for logs (never shown to the caller in detail).</param>
public sealed record AccessTokenCheck(ClaimsPrincipal? Principal, string? Failure)
{
    /// <summary>Whether the token passed.</summary>
    public bool IsValid => Principal is not null;
}
