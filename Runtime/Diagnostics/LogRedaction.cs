using System.Text.RegularExpressions;

namespace Cluster.Runtime.Diagnostics;

/// <summary>
/// Removes what looks like a credential from a log line before anyone sees it: bearer and basic credentials, JWTs, and
/// the values of password, secret, token and key fields in query strings, connection strings and JSON.
/// </summary>
public static partial class LogRedaction
{
    /// <summary>What replaces a redacted value.</summary>
    public const string Mask = "[redacted]";

    /// <summary><paramref name="text"/> with every credential replaced by <see cref="Mask"/>.</summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // JWTs first: a token in a field would otherwise keep its signature when only the field's value pattern matched
        // up to a '.'.
        var redacted = Jwt().Replace(text, Mask);
        redacted = Scheme().Replace(redacted, match => $"{match.Groups["scheme"].Value} {Mask}");
        return Field().Replace(redacted, match =>
            $"{match.Groups["name"].Value}{match.Groups["separator"].Value}{(match.Groups["quoted"].Success ? $"\"{Mask}\"" : Mask)}");
    }

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*", RegexOptions.CultureInvariant)]
    private static partial Regex Jwt();

    // Basic credentials are base64 with an upper-case letter, digit or symbol, which tells them from "basic information".
    [GeneratedRegex(@"\b(?:(?<scheme>bearer)\s+(?!\[redacted\])[^\s""',;]+|(?<scheme>basic)\s+(?=(?-i:[A-Za-z0-9+/]*[A-Z0-9+/]))[A-Za-z0-9+/]{8,}={0,2})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Scheme();

    // A name containing one of the words, then = or :, then the value: a quoted one (JSON) whole, up to its closing quote.
    [GeneratedRegex(
        @"(?<name>[A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|private[_-]?key|credential)[A-Za-z0-9_.-]*""?)(?<separator>\s*[=:]\s*)(?:(?<quoted>""(?!\[redacted\])(?:[^""\\]|\\.)*"")|(?!\[redacted\])[^\s""&;,]+)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Field();
}
