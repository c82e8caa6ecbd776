using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Identity;

/// <summary>
/// The link between one external identity (issuer and subject, keyed by <see cref="ExternalIdentity.LoginKey"/>) and
/// the account it signs in to. The account is provisioned on first sight, exactly once, whichever API hosts the
/// first sign-ins reach at the same time; the link never changes afterwards.
/// </summary>
public interface IExternalLoginGrain : IGrainWithStringKey
{
    /// <summary>
    /// Provisions or finds the linked account, then sets its role and groups from <paramref name="identity"/> (when
    /// mapped). An inactive account is returned as it is; the caller refuses it.
    /// </summary>
    /// <exception cref="ArgumentException">The identity's <see cref="ExternalIdentity.LoginKey"/> is not this grain's key.</exception>
    Task<ExternalSignInResult> SignInAsync(ExternalIdentity identity, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records that the id_token whose SHA-256 is <paramref name="tokenHash"/> was exchanged for a session; false when
    /// it was already, so a leaked id_token buys at most one session. Kept until <paramref name="acceptableUntil"/>,
    /// after which the token is refused for its age anyway; at most <see cref="MaxRememberedIdTokens"/> are kept.
    /// </summary>
    Task<bool> TryUseIdTokenAsync(string tokenHash, DateTimeOffset acceptableUntil, CancellationToken cancellationToken = default);

    /// <summary>The most exchanged id_tokens one identity remembers (the oldest is forgotten first).</summary>
    const int MaxRememberedIdTokens = 100;

    /// <summary>The id of the linked account, or null while there is none.</summary>
    [ReadOnly]
    Task<string?> GetUserIdAsync(CancellationToken cancellationToken = default);
}
