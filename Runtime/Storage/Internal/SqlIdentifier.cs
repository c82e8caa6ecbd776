using System.Text.RegularExpressions;

namespace Cluster.Runtime.Storage.Internal;

/// <summary>
/// Validation of the table and schema names that options put into SQL text (identifiers cannot be parameters).
/// Only lowercase names are allowed so the quoted and unquoted spellings name the same object in PostgreSQL.
/// </summary>
internal static partial class SqlIdentifier
{
    /// <summary>The longest identifier PostgreSQL keeps without truncating.</summary>
    public const int MaxLength = 63;

    /// <summary>What a valid identifier looks like, for error messages.</summary>
    public const string Rule = "1 to 63 characters of lowercase letters a-z, digits and '_', starting with a letter or '_'";

    /// <summary>Whether <paramref name="name"/> is a safe identifier.</summary>
    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    /// <summary>The identifier in double quotes; it must be valid.</summary>
    public static string Quote(string name)
    {
        if (!IsValid(name))
        {
            throw new ArgumentException($"'{name}' is not a safe SQL identifier; use {Rule}.", nameof(name));
        }

        return "\"" + name + "\"";
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
