namespace Cluster.Grains.Interfaces.Identity;

/// <summary>The one normal form of an email address, under which it must be unique.</summary>
public static class EmailAddress
{
    /// <summary>The longest address accepted, in characters (RFC 5321's limit on a path).</summary>
    public const int MaxLength = 254;

    /// <summary>
    /// Trimmed and lower-cased (invariant culture): <c>Ada@Example.COM</c> and <c>ada@example.com</c> are one account.
    /// The local part is lower-cased too, as every mainstream provider treats it case-insensitively.
    /// </summary>
    public static string Normalize(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.Trim().ToLowerInvariant();
    }
}
