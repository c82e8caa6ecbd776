using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Cluster.Runtime.Storage;

namespace Cluster.Grains.Persistence;

/// <summary>A position in a storage listing as an opaque cursor for API clients (base64url JSON).</summary>
public static class StateListCursor
{
    public static string Encode(StateListPosition position) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(position, JsonSerializerOptions.Web)));

    /// <summary>The position <paramref name="cursor"/> names; null for none.</summary>
    /// <exception cref="ArgumentException">The cursor was not made by <see cref="Encode"/>.</exception>
    public static StateListPosition? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<StateListPosition>(Base64Url.DecodeFromChars(cursor), JsonSerializerOptions.Web)
                ?? throw new ArgumentException("The cursor is empty.", nameof(cursor));
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            throw new ArgumentException("The cursor is not one a search handed out; start again without it.", nameof(cursor), exception);
        }
    }
}
