using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Identity;

/// <summary>
/// Hashes passwords with PBKDF2-HMAC-SHA256 and a random 16-byte salt, as
/// <c>pbkdf2-sha256$&lt;iterations&gt;$&lt;salt&gt;$&lt;hash&gt;</c> (base64): the format names its own algorithm and cost,
/// so a hash made under older settings still verifies and is flagged for re-hashing.
/// </summary>
public sealed class PasswordHasher(IOptions<PasswordHashingOptions> options)
{
    private const string Scheme = "pbkdf2-sha256";
    private const int SaltSize = 16;
    private const int HashSize = 32;

    // Verified against when no account matches, so an unknown email costs what a wrong password does.
    private readonly Lazy<string> _decoy = new(() => Hash(options.Value.Iterations, "decoy password for unknown accounts"));

    /// <summary>A new hash of <paramref name="password"/>.</summary>
    public string Hash(string password) => Hash(options.Value.Iterations, password);

    /// <summary>Whether <paramref name="password"/> matches <paramref name="hash"/>, and whether the hash should be replaced (made with fewer iterations than now configured).</summary>
    /// <exception cref="FormatException">The stored hash is not in this format.</exception>
    public (bool Matches, bool NeedsRehash) Verify(string hash, string password)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentNullException.ThrowIfNull(password);
        var parts = hash.Split('$');
        if (parts is not [Scheme, var iterationsText, var saltText, var expectedText]
            || !int.TryParse(iterationsText, NumberStyles.None, CultureInfo.InvariantCulture, out var iterations)
            || iterations < 1)
        {
            throw new FormatException($"A stored password hash is not in the {Scheme} format.");
        }

        var expected = Convert.FromBase64String(expectedText);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), Convert.FromBase64String(saltText), iterations, HashAlgorithmName.SHA256, expected.Length);
        var matches = CryptographicOperations.FixedTimeEquals(actual, expected);
        return (matches, matches && iterations < options.Value.Iterations);
    }

    /// <summary>Spends the time of one verification for an account that does not exist; always false.</summary>
    public bool VerifyDecoy(string password)
    {
        Verify(_decoy.Value, password);
        return false;
    }

    private static string Hash(int iterations, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltSize);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashSize);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }
}
