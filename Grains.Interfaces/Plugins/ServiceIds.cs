using System.Text.RegularExpressions;

namespace Cluster.Grains.Interfaces.Plugins;

/// <summary>The shape of feature service ids and the names derived from them.</summary>
public static partial class ServiceIds
{
    /// <summary>The longest id, in characters.</summary>
    public const int MaxLength = 63;

    /// <summary>What a valid id looks like, for error messages.</summary>
    public const string Rule = "1 to 63 lower-case letters, digits and hyphens, starting with a letter or digit";

    /// <summary>Whether <paramref name="id"/> is a valid service id.</summary>
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    /// <summary>The group whose members administer the service's settings.</summary>
    public static string AdminGroup(string id) => $"{id}-admin";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
