using System.Text;
using System.Text.RegularExpressions;

namespace Cluster.Grains.Interfaces.Channels;

/// <summary>Channel names and limits.</summary>
public static partial class ChannelNames
{
    /// <summary>The rule a name follows, as shown in error messages.</summary>
    public const string Rule = "1 to 128 lower-case letters, digits, '.', '_' and '-', starting with a letter or digit";

    /// <summary>The prefix of the channels on which configurations publish their activations; nobody else publishes there.</summary>
    public const string ConfigPrefix = "config.";

    /// <summary>The largest message, in UTF-8 bytes.</summary>
    public const int MaxPayloadBytes = 64 * 1024;

    /// <summary>How many recent messages a channel keeps for subscribers that missed a push.</summary>
    public const int BacklogSize = 256;

    /// <summary>What a publisher is told of a message over <see cref="MaxPayloadBytes"/>.</summary>
    public static readonly string PayloadTooLarge = $"A message takes at most {MaxPayloadBytes} bytes of UTF-8 JSON; send less, or a reference to it.";

    /// <summary>Whether <paramref name="payloadJson"/> is within <see cref="MaxPayloadBytes"/>.</summary>
    public static bool FitsPayload(string payloadJson) => Encoding.UTF8.GetByteCount(payloadJson) <= MaxPayloadBytes;

    /// <summary>Whether <paramref name="name"/> follows <see cref="Rule"/>.</summary>
    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,127}$")]
    private static partial Regex Pattern();
}
