using System.Text.Json;
using Cluster.Grains.Interfaces.Chats;

namespace Cluster.ApiHost.Chats;

/// <summary>Checks a <c>POST /api/chat</c> body as the contract's schema does (§3.2), saying what to fix.</summary>
public static class ChatRequestValidation
{
    public const int MaxParts = 20;
    public const int MaxTextLength = 2000;
    public const int MaxFileNameLength = 100;
    public const int MaxMessageIdLength = 128;

    private static readonly string[] ImageTypes = ["image/jpeg", "image/png"];

    /// <summary>What is wrong with <paramref name="request"/>, or null when it is valid.</summary>
    public static string? Problem(ChatPostRequest? request)
    {
        if (request is null)
        {
            return "Send a JSON body with id, message, selectedChatModel and selectedVisibilityType.";
        }

        if (!Guid.TryParse(request.Id, out _))
        {
            return "id must be the chat's UUID.";
        }

        if (request.Message is not { } message)
        {
            return "message is missing.";
        }

        if (!IsMessageId(message.Id))
        {
            return $"message.id must be 1 to {MaxMessageIdLength} letters, digits, '-' or '_'.";
        }

        if (message.Role != "user")
        {
            return "message.role must be \"user\".";
        }

        if (string.IsNullOrWhiteSpace(request.SelectedChatModel))
        {
            return "selectedChatModel is missing; GET /api/models lists the models.";
        }

        if (request.SelectedVisibilityType is not (null or "public" or "private"))
        {
            return "selectedVisibilityType must be \"public\" or \"private\".";
        }

        return PartsProblem(message.Parts);
    }

    /// <summary>The visibility a new chat gets.</summary>
    public static ChatVisibility VisibilityOf(ChatPostRequest request) =>
        request.SelectedVisibilityType == "public" ? ChatVisibility.Public : ChatVisibility.Private;

    /// <summary>Whether <paramref name="id"/> can be a message id.</summary>
    public static bool IsMessageId(string? id) =>
        id is { Length: > 0 and <= MaxMessageIdLength } && id.All(character => char.IsAsciiLetterOrDigit(character) || character is '-' or '_');

    private static string? PartsProblem(JsonElement parts)
    {
        if (parts.ValueKind != JsonValueKind.Array || parts.GetArrayLength() is 0 or > MaxParts)
        {
            return $"message.parts must be an array of 1 to {MaxParts} parts.";
        }

        var index = 0;
        foreach (var part in parts.EnumerateArray())
        {
            var at = $"message.parts[{index++}]";
            var type = part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
            var problem = type switch
            {
                "text" => Length(part, "text", MaxTextLength) ? null : $"{at}.text must be 1 to {MaxTextLength} characters.",
                "file" => FileProblem(part, at),
                _ => $"{at}.type must be \"text\" or \"file\".",
            };
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? FileProblem(JsonElement part, string at)
    {
        if (!part.TryGetProperty("mediaType", out var mediaType) || !ImageTypes.Contains(mediaType.ValueKind == JsonValueKind.String ? mediaType.GetString() : null))
        {
            return $"{at}.mediaType must be image/jpeg or image/png.";
        }

        if (!Length(part, "name", MaxFileNameLength))
        {
            return $"{at}.name must be 1 to {MaxFileNameLength} characters.";
        }

        // Lenient, as the contract asks: uploads answer with URLs relative to this host. A path is checked first, as on
        // Unix "/a" also parses as an absolute file: URI.
        var value = part.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String ? url.GetString()! : string.Empty;
        var valid = value.StartsWith('/') ? !value.StartsWith("//", StringComparison.Ordinal)
            : Uri.TryCreate(value, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https";
        return valid ? null : $"{at}.url must be an http(s) URL or a path on this host.";
    }

    private static bool Length(JsonElement part, string name, int max) =>
        part.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Trim().Length > 0 && value.GetString()!.Length <= max;
}
