using System.Globalization;
using Cluster.Runtime.CodeGeneration;

namespace Cluster.Runtime.Core;

/// <summary>Key accessors for grains and grain references, as in Orleans.</summary>
public static class GrainExtensions
{
    /// <summary>The identity of a grain or of a reference to one.</summary>
    /// <exception cref="ArgumentException">The object is neither a grain nor a reference created by the runtime.</exception>
    public static GrainId GetGrainId(this IAddressable addressable) => addressable switch
    {
        Grain grain => grain.GrainId,
        GrainReference reference => reference.GrainId,
        null => throw new ArgumentNullException(nameof(addressable)),
        _ => throw new ArgumentException(
            $"{addressable.GetType().Name} is neither a grain nor a grain reference; obtain references with IGrainFactory.GetGrain or CreateObjectReference.",
            nameof(addressable)),
    };

    /// <summary>The string key of a grain with a string key.</summary>
    public static string GetPrimaryKeyString(this IAddressable addressable) => addressable.GetGrainId().Key;

    /// <summary>The key of a grain with a Guid key.</summary>
    /// <exception cref="FormatException">The grain's key is not a Guid.</exception>
    public static Guid GetPrimaryKey(this IAddressable addressable)
    {
        var id = addressable.GetGrainId();
        return Guid.TryParseExact(id.Key, "N", out var key)
            ? key
            : throw new FormatException($"Grain {id} does not have a Guid key; use GetPrimaryKeyString().");
    }

    /// <summary>The key of a grain with an integer key.</summary>
    /// <exception cref="FormatException">The grain's key is not an integer.</exception>
    public static long GetPrimaryKeyLong(this IAddressable addressable)
    {
        var id = addressable.GetGrainId();
        return long.TryParse(id.Key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var key)
            ? key
            : throw new FormatException($"Grain {id} does not have an integer key; use GetPrimaryKeyString().");
    }
}
