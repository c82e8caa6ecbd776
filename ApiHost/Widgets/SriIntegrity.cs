using System.Security.Cryptography;

namespace Cluster.ApiHost.Widgets;

/// <summary>Subresource Integrity strings (<c>sha512-&lt;base64&gt;</c>, several separated by spaces) as npm records them.</summary>
public static class SriIntegrity
{
    private const string Sha512Prefix = "sha512-";

    /// <summary>Whether <paramref name="integrity"/> holds at least one well-formed sha512 hash.</summary>
    public static bool HasSha512(string? integrity) => Sha512Hashes(integrity).Any();

    /// <summary>
    /// Whether <paramref name="bytes"/> match a sha512 hash of <paramref name="integrity"/>; weaker algorithms are not
    /// accepted on their own.
    /// </summary>
    public static bool Matches(string integrity, ReadOnlySpan<byte> bytes)
    {
        var actual = SHA512.HashData(bytes);
        foreach (var expected in Sha512Hashes(integrity))
        {
            if (CryptographicOperations.FixedTimeEquals(actual, expected))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The SRI sha512 string of <paramref name="bytes"/>.</summary>
    public static string Sha512Of(ReadOnlySpan<byte> bytes) => Sha512Prefix + Convert.ToBase64String(SHA512.HashData(bytes));

    private static IEnumerable<byte[]> Sha512Hashes(string? integrity)
    {
        foreach (var token in (integrity ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // An SRI token may carry options after '?', which say nothing about the hash.
            var hash = token.Split('?')[0];
            if (!hash.StartsWith(Sha512Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var decoded = new byte[64];
            if (Convert.TryFromBase64String(hash[Sha512Prefix.Length..], decoded, out var written) && written == 64)
            {
                yield return decoded;
            }
        }
    }
}
