namespace Cluster.Grains.Interfaces.Identity;

/// <summary>The outcome of signing in with an external identity.</summary>
/// <param name="User">The account linked to the identity, with its role and groups as of this sign-in; null when refused.</param>
/// <param name="EmailTaken">
/// True when the identity's verified email belongs to another account and the provider may not link it: the person
/// should sign in to that account instead.
/// </param>
public sealed record ExternalSignInResult(UserInfo? User, bool EmailTaken);
