using System.Globalization;

namespace Cluster.ApiHost.Chats;

/// <summary>Timestamps as the chat contract writes them: UTC, milliseconds, <c>Z</c> (§1).</summary>
public static class ChatTimestamps
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string Of(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>A timestamp a client sent back (any ISO-8601 form, a space standing for an unencoded '+'); null when it is not one.</summary>
    public static DateTimeOffset? Parse(string? value) =>
        DateTimeOffset.TryParse(value?.Replace(' ', '+'), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : null;
}
