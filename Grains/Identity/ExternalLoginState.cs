namespace Cluster.Grains.Identity;

/// <summary>The persisted state of one external identity's link to an account.</summary>
public sealed class ExternalLoginState
{
    /// <summary>
    /// The account's id. Chosen and stored before the account is made, so a sign-in that failed half-way and is tried
    /// again makes the same account, never a second one; replaced by the owner's id when linked by email.
    /// </summary>
    public string? UserId { get; set; }

    /// <summary>Whether the account <see cref="UserId"/> names exists and is this identity's for good.</summary>
    public bool Linked { get; set; }

    /// <summary>
    /// The groups the user joined because the provider listed them: only these are left when it stops listing them,
    /// never a membership an administrator gave.
    /// </summary>
    public List<string> MappedGroupIds { get; set; } = [];

    /// <summary>The SHA-256 of each id_token exchanged for a session, with when it stops being acceptable anyway.</summary>
    public Dictionary<string, DateTimeOffset> UsedIdTokens { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A copy to restore when a write fails.</summary>
    public ExternalLoginState Clone() => new()
    {
        UserId = UserId,
        Linked = Linked,
        MappedGroupIds = [.. MappedGroupIds],
        UsedIdTokens = new(UsedIdTokens, StringComparer.Ordinal),
    };
}
