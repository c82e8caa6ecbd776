using System.Globalization;

namespace Cluster.Grains.Interfaces.Configs;

/// <summary>
/// A configuration version, <c>MAJOR.MINOR.PATCH</c> of non-negative integers with no leading zeros (Semantic
/// Versioning 2.0.0 without pre-release or build parts, which configuration saves have no use for).
/// </summary>
public readonly record struct SemanticVersion(int Major, int Minor, int Patch) : IComparable<SemanticVersion>
{
    /// <summary>The first version of a configuration saved with no version given.</summary>
    public static SemanticVersion Initial { get; } = new(1, 0, 0);

    /// <summary>Reads <paramref name="text"/>; false when it is not <c>MAJOR.MINOR.PATCH</c>.</summary>
    public static bool TryParse(string? text, out SemanticVersion version)
    {
        version = default;
        var parts = text?.Split('.');
        if (parts is not { Length: 3 } || !parts.All(IsNumber))
        {
            return false;
        }

        version = new SemanticVersion(Number(parts[0]), Number(parts[1]), Number(parts[2]));
        return true;
    }

    /// <summary>The next patch version.</summary>
    public SemanticVersion NextPatch() => this with { Patch = checked(Patch + 1) };

    /// <inheritdoc />
    public int CompareTo(SemanticVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major) : Minor != other.Minor ? Minor.CompareTo(other.Minor) : Patch.CompareTo(other.Patch);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");

    private static bool IsNumber(string part) =>
        part.Length is > 0 and <= 9 && part.All(char.IsAsciiDigit) && (part.Length == 1 || part[0] != '0');

    private static int Number(string part) => int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture);
}
