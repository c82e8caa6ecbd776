using System.Globalization;

namespace Cluster.Runtime.Core;

/// <summary>Formats keys of every kind into the string stored in a <see cref="GrainId"/>.</summary>
public static class GrainKeys
{
    /// <summary>The key text of a Guid key.</summary>
    public static string Format(Guid key) => key.ToString("N", CultureInfo.InvariantCulture);

    /// <summary>The key text of an integer key.</summary>
    public static string Format(long key) => key.ToString(CultureInfo.InvariantCulture);
}
