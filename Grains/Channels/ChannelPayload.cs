using System.Text.Json;

namespace Cluster.Grains.Channels;

/// <summary>Checks on what is published to a channel.</summary>
public static class ChannelPayload
{
    /// <summary>Whether <paramref name="text"/> is one JSON value.</summary>
    public static bool IsJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
