using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Cluster.Benchmarks.Soak;

/// <summary>The API routes the workload calls, with a bearer token; failures are thrown as <see cref="SoakFailure"/>.</summary>
internal sealed class SoakClient(HttpClient http)
{
    public const string Password = "soak-Password-2026!";

    public async Task<(string AccessToken, string RefreshToken, string UserId)> RegisterAsync(string email) =>
        Tokens(await SendAsync(HttpMethod.Post, "/api/auth/register", null, new { email, password = Password }));

    public async Task<(string AccessToken, string RefreshToken, string UserId)> LoginAsync(string email) =>
        Tokens(await SendAsync(HttpMethod.Post, "/api/auth/login", null, new { email, password = Password }));

    public async Task<(string AccessToken, string RefreshToken, string UserId)> RefreshAsync(string refreshToken) =>
        Tokens(await SendAsync(HttpMethod.Post, "/api/auth/refresh", null, new { refresh_token = refreshToken }));

    public async Task<JsonElement> SendAsync(HttpMethod method, string path, string? token, object? body = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await Send(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new SoakFailure($"{(int)response.StatusCode} {Route(path)}");
        }

        if (text.Length == 0)
        {
            return default;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Sends a chat message and reads its stream to the end: the assistant message's id when it finished.</summary>
    public async Task<string> ChatAsync(string token, string chatId, string text, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat")
        {
            Content = JsonContent.Create(new
            {
                id = chatId,
                message = new { id = Guid.NewGuid().ToString(), role = "user", parts = new object[] { new { type = "text", text } }, content = text, createdAt = DateTime.UtcNow },
                selectedChatModel = "chat-model",
                selectedVisibilityType = "private",
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Send(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new SoakFailure($"{(int)response.StatusCode} POST /api/chat");
        }

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        string? messageId = null;
        var finished = false;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal))
            {
                continue;
            }

            var data = line["data: ".Length..];
            if (data == "[DONE]")
            {
                return finished && messageId is not null ? messageId : throw new SoakFailure("chat stream ended without finish");
            }

            using var part = JsonDocument.Parse(data);
            switch (part.RootElement.GetProperty("type").GetString())
            {
                case "start":
                    messageId = part.RootElement.GetProperty("messageId").GetString();
                    break;
                case "finish":
                    finished = true;
                    break;
                case "error":
                    throw new SoakFailure("chat stream error part");
            }
        }

        throw new SoakFailure("chat stream cut");
    }

    private async Task<HttpResponseMessage> Send(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, completion, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new SoakFailure($"connection: {exception.HttpRequestError}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SoakFailure("timeout");
        }
    }

    private static (string, string, string) Tokens(JsonElement body) =>
        (body.GetProperty("access_token").GetString()!, body.GetProperty("refresh_token").GetString()!, body.GetProperty("user").GetProperty("id").GetString()!);

    // Failures are counted by route, not by key: "404 POST /api/config/{name}".
    private static string Route(string path) =>
        string.Join('/', path.Split('?')[0].Split('/').Select(segment => segment.Length > 20 || segment.StartsWith("soak", StringComparison.Ordinal) ? "{id}" : segment));
}
