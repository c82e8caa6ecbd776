using System.Globalization;

namespace Cluster.ApiHost.Users;

/// <summary>What a profile may hold. Text is kept as written (any script, quotes, emoji); only lengths and control characters are limited.</summary>
public static class ProfileValidation
{
    public const int MaxDisplayNameLength = 100;
    public const int MaxBioLength = 1000;
    public const int MaxAvatarUrlLength = 2048;

    /// <summary>The problems with <paramref name="request"/>, by field, or null when there are none.</summary>
    public static Dictionary<string, string[]>? Validate(ProfileRequest request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Text(errors, "displayName", request.DisplayName, MaxDisplayNameLength, allowNewLines: false);
        Text(errors, "bio", request.Bio, MaxBioLength, allowNewLines: true);
        if (request.AvatarUrl is { } avatar
            && (avatar.Length > MaxAvatarUrlLength || !Uri.TryCreate(avatar, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps))
        {
            errors["avatarUrl"] = [$"Give an absolute https URL of at most {MaxAvatarUrlLength} characters."];
        }

        if (request.Locale is { } locale && !IsCulture(locale))
        {
            errors["locale"] = ["Give a culture name such as en-GB or fr."];
        }

        if (request.TimeZone is { } zone && (zone.Length > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _)))
        {
            errors["timeZone"] = ["Give an IANA time zone such as Europe/Paris or UTC."];
        }

        return errors.Count == 0 ? null : errors;
    }

    private static void Text(Dictionary<string, string[]> errors, string field, string? value, int maxLength, bool allowNewLines)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > maxLength)
        {
            errors[field] = [$"At most {maxLength} characters; this has {value.Length}."];
        }
        else if (value.Any(character => char.IsControl(character) && !(allowNewLines && character is '\n' or '\r' or '\t')))
        {
            errors[field] = [allowNewLines ? "Control characters other than line breaks and tabs are not allowed." : "Control characters (line breaks included) are not allowed."];
        }
    }

    private static bool IsCulture(string name)
    {
        if (name.Length is 0 or > 35)
        {
            return false;
        }

        try
        {
            return CultureInfo.GetCultureInfo(name, predefinedOnly: true).Name.Length > 0;
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }
}
