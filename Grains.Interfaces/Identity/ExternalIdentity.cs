namespace Cluster.Grains.Interfaces.Identity;

/// <summary>
/// A person as an external identity provider (an OIDC authority) vouched for them in a validated token, with the
/// claims already mapped by the provider's settings.
/// </summary>
/// <param name="Issuer">The provider's issuer (<c>iss</c>), an absolute URL.</param>
/// <param name="Subject">The person's id at the provider (<c>sub</c>), stable and never reassigned.</param>
/// <param name="VerifiedEmail">
/// The email, only when the provider vouches that the person owns it; such an address is claimed like a registered
/// one. Null otherwise: the account then gets an address of its own that nobody can register.
/// </param>
/// <param name="LinkByEmail">
/// Whether an existing account that holds <paramref name="VerifiedEmail"/> becomes this person's account; otherwise
/// signing in is refused while another account holds the address.
/// </param>
/// <param name="Role">The role the provider's claims give, set on every sign-in; null when the provider does not map roles.</param>
/// <param name="GroupNames">
/// Names of the groups the provider's claims list; the user joins the groups so named that exist, and leaves those it
/// joined this way earlier that are no longer listed. Null when the provider does not map groups.
/// </param>
public sealed record ExternalIdentity(
    string Issuer, string Subject, string? VerifiedEmail, bool LinkByEmail, UserRole? Role, IReadOnlyList<string>? GroupNames)
{
    /// <summary>The most group names one sign-in takes into account; the rest are ignored.</summary>
    public const int MaxGroupNames = 100;

    /// <summary>The key of this identity's <see cref="IExternalLoginGrain"/>: <c>issuer|subject</c>.</summary>
    /// <exception cref="ArgumentException">The issuer contains <c>|</c>, which would make keys ambiguous.</exception>
    public string LoginKey => Issuer.Contains('|', StringComparison.Ordinal)
        ? throw new ArgumentException($"The issuer '{Issuer}' contains '|'.", nameof(Issuer))
        : $"{Issuer}|{Subject}";
}
