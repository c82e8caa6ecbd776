namespace Cluster.Grains.Interfaces.Identity;

/// <summary>An account to create.</summary>
/// <param name="Id">The new user's id, chosen by the caller so a retried registration is recognised as the same one.</param>
/// <param name="Email">The email as typed; its normalised form (<see cref="EmailAddress.Normalize"/>) must be unique.</param>
/// <param name="PasswordHash">
/// The password's hash in the API host's format (the password itself never reaches a grain); null for a guest.
/// </param>
/// <param name="Type">Regular, or guest.</param>
/// <param name="ExternalIssuer">
/// For a regular account that signs in only through an external identity provider (and so has no password), the
/// provider's issuer; null otherwise.
/// </param>
public sealed record NewUser(string Id, string Email, string? PasswordHash, UserType Type, string? ExternalIssuer = null);
