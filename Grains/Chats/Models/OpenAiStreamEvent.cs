using System.Text.Json;

namespace Cluster.Grains.Chats.Models;

/// <summary>Reads the events of an OpenAI-compatible chat completions stream.</summary>
internal static class OpenAiStreamEvent
{
    /// <summary>The items of one event's JSON: text and reasoning deltas of the first choice, and usage when present.</summary>
    /// <exception cref="ModelProviderException">The event is an error, or not JSON.</exception>
    public static List<ModelStreamItem> Parse(ReadOnlySpan<char> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToString());
        }
        catch (JsonException exception)
        {
            throw new ModelProviderException("The model provider sent an event that is not JSON.", exception);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ModelProviderException("The model provider sent an event that is not a JSON object.");
            }

            if (root.TryGetProperty("error", out var error))
            {
                throw new ModelProviderException($"The model provider failed during the answer: {MessageOf(error) ?? "no reason given"}.");
            }

            var items = new List<ModelStreamItem>(2);
            if (root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0
                && choices[0].TryGetProperty("delta", out var delta) && delta.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in (string[])["reasoning_content", "reasoning"])
                {
                    if (StringOf(delta, name) is { Length: > 0 } reasoning)
                    {
                        items.Add(ModelStreamItem.OfReasoning(reasoning));
                        break;
                    }
                }

                if (StringOf(delta, "content") is { Length: > 0 } text)
                {
                    items.Add(ModelStreamItem.OfText(text));
                }
            }

            if (root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
            {
                var reasoningTokens = usage.TryGetProperty("completion_tokens_details", out var details) && details.ValueKind == JsonValueKind.Object
                    ? IntOf(details, "reasoning_tokens")
                    : 0;
                items.Add(ModelStreamItem.OfUsage(new ModelUsage(IntOf(usage, "prompt_tokens"), IntOf(usage, "completion_tokens"), reasoningTokens)));
            }

            return items;
        }
    }

    /// <summary>The message of an error body such as <c>{"error":{"message":"…"}}</c>, or null when it has none.</summary>
    public static string? ErrorMessage(ReadOnlySpan<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error)
                ? MessageOf(error)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? MessageOf(JsonElement error) => error.ValueKind switch
    {
        JsonValueKind.String => error.GetString(),
        JsonValueKind.Object => StringOf(error, "message"),
        _ => null,
    };

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int IntOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.TryGetInt32(out var number) ? number : 0;
}
