namespace Cluster.Grains.Interfaces.Groups;

/// <summary>The rules of group names.</summary>
public static class GroupName
{
    /// <summary>The longest name.</summary>
    public const int MaxLength = 100;

    /// <summary>The longest description.</summary>
    public const int MaxDescriptionLength = 1000;

    /// <summary>The form names are compared in: trimmed, inner runs of white space as one space, lower case.</summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToLowerInvariant();
    }
}
