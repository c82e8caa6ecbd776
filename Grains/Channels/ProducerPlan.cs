using System.Globalization;
using System.Text.Json;
using Cluster.Grains.Interfaces.Channels;

namespace Cluster.Grains.Channels;

/// <summary>
/// The producers of an <c>endpoints</c> document (its <c>producers</c> array), checked against what this silo allows: the
/// check whose failure a silo reports, rolling the version back.
/// </summary>
public static class ProducerPlan
{
    /// <summary>The shortest interval between two reads of one producer.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    /// <summary>The interval of a producer that gives none.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);

    /// <summary>The producers of <paramref name="resolvedJson"/>, or why this silo cannot run them.</summary>
    public static (IReadOnlyList<ProducerSpec> Producers, string? Error) Read(string resolvedJson, string version, ProducerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var document = JsonDocument.Parse(resolvedJson);
        if (!document.RootElement.TryGetProperty("producers", out var producers) || producers.ValueKind == JsonValueKind.Null)
        {
            return ([], null);
        }

        if (producers.ValueKind != JsonValueKind.Array)
        {
            return ([], "'producers' must be an array.");
        }

        if (producers.GetArrayLength() > options.MaxProducers)
        {
            return ([], $"{producers.GetArrayLength()} producers are declared; Channels:Producers:MaxProducers allows {options.MaxProducers}.");
        }

        var specs = new List<ProducerSpec>();
        var index = 0;
        foreach (var producer in producers.EnumerateArray())
        {
            var (spec, error) = ReadOne(producer, $"producers[{index++}]", version, options);
            if (error is not null)
            {
                return ([], error);
            }

            if (specs.Any(existing => existing.Channel == spec!.Channel))
            {
                return ([], $"{spec!.Channel} has two producers; a channel has at most one.");
            }

            specs.Add(spec!);
        }

        return (specs, null);
    }

    private static (ProducerSpec? Spec, string? Error) ReadOne(JsonElement producer, string path, string version, ProducerOptions options)
    {
        if (producer.ValueKind != JsonValueKind.Object)
        {
            return (null, $"{path} must be an object with 'channel' and 'url'.");
        }

        var channel = producer.TryGetProperty("channel", out var channelElement) && channelElement.ValueKind == JsonValueKind.String ? channelElement.GetString() : null;
        if (!ChannelNames.IsValid(channel) || channel!.StartsWith(ChannelNames.ConfigPrefix, StringComparison.Ordinal))
        {
            return (null, $"{path}.channel must be a channel name ({ChannelNames.Rule}) outside '{ChannelNames.ConfigPrefix}*'.");
        }

        var text = producer.TryGetProperty("url", out var urlElement) && urlElement.ValueKind == JsonValueKind.String ? urlElement.GetString() : null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(url.UserInfo))
        {
            return (null, $"{path}.url must be an absolute http or https URL with no credentials in it.");
        }

        if (!options.Allows(url.IdnHost))
        {
            return (null, $"{path}.url reads from host '{url.IdnHost}', which this silo does not allow; add it to Channels:Producers:AllowedHosts.");
        }

        var interval = DefaultInterval;
        if (producer.TryGetProperty("intervalSeconds", out var seconds) && seconds.ValueKind != JsonValueKind.Null)
        {
            if (seconds.ValueKind != JsonValueKind.Number || !seconds.TryGetDouble(out var value) || value < MinInterval.TotalSeconds || value > 3600)
            {
                return (null, string.Create(CultureInfo.InvariantCulture, $"{path}.intervalSeconds must be a number from {MinInterval.TotalSeconds} to 3600."));
            }

            interval = TimeSpan.FromSeconds(value);
        }

        return (new ProducerSpec(channel, url, interval, version), null);
    }
}
