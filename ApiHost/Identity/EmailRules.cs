using System.Net.Mail;

namespace Cluster.ApiHost.Identity;

/// <summary>What the API accepts as an email address.</summary>
public static class EmailRules
{
    /// <summary>The longest address accepted (RFC 5321's path limit less the angle brackets).</summary>
    public const int MaxLength = 254;

    /// <summary>What is wrong with <paramref name="email"/>, or null when it is a plain address such as <c>ada@example.com</c>.</summary>
    public static string? Problem(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return "Give an email address.";
        }

        var trimmed = email.Trim();
        if (trimmed.Length > MaxLength)
        {
            return $"The email address is longer than {MaxLength} characters.";
        }

        // MailAddress also accepts display names and comments ("Ada <ada@example.com>"); only the bare address is an email here.
        var at = trimmed.LastIndexOf('@');
        return trimmed.Any(character => char.IsWhiteSpace(character) || char.IsControl(character))
            || !MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed || address.DisplayName.Length != 0
            || at < 1 || !trimmed.AsSpan(at + 1).Contains('.')
                ? "The email address is not valid; write it as name@example.com."
                : null;
    }
}
