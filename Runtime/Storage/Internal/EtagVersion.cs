using System.Globalization;

namespace Cluster.Runtime.Storage.Internal;

/// <summary>The ETag format of every provider: the row's integer version as invariant text.</summary>
internal static class EtagVersion
{
    /// <summary>The version every first write stores.</summary>
    public const int First = 1;

    /// <summary>The ETag text of <paramref name="version"/>.</summary>
    public static string Format(int version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>The ETag text of <paramref name="version"/>, or <c>null</c> when there is none.</summary>
    public static string? Format(int? version) => version is { } value ? Format(value) : null;

    /// <summary>Parses an ETag this storage issued: a positive integer without sign, spaces or separators.</summary>
    public static bool TryParse(string etag, out int version) =>
        int.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out version) && version >= First;
}
