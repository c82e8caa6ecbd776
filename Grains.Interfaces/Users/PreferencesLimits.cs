namespace Cluster.Grains.Interfaces.Users;

/// <summary>Bounds on a user's preferences.</summary>
public static class PreferencesLimits
{
    /// <summary>Pinned app ids a user may have.</summary>
    public const int MaxPinnedApps = 50;

    /// <summary>The longest app id: a slug of lower-case letters, digits, '-' and '_', starting with a letter or digit.</summary>
    public const int MaxAppIdLength = 64;

    /// <summary>The largest UI preferences document, in UTF-8 bytes of its JSON.</summary>
    public const int MaxUiBytes = 64 * 1024;

    /// <summary>Whether <paramref name="appId"/> is a safe slug.</summary>
    public static bool IsAppId(string? appId) =>
        appId is { Length: > 0 and <= MaxAppIdLength }
        && IsLowerOrDigit(appId[0])
        && appId.All(character => IsLowerOrDigit(character) || character is '-' or '_');

    private static bool IsLowerOrDigit(char character) => char.IsAsciiLetterLower(character) || char.IsAsciiDigit(character);
}
