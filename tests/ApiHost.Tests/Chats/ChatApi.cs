using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Cluster.ApiHost.Tests.Chats;

/// <summary>The chat routes' common steps for tests, and a reader of their SSE bodies.</summary>
public static class ChatApi
{
    public const string Done = "[DONE]";

    public static string NewId() => Guid.NewGuid().ToString();

    public static object Body(string chatId, string text, string model = "chat-model", string visibility = "private", string? messageId = null) => new
    {
        id = chatId,
        message = new { id = messageId ?? NewId(), role = "user", parts = new object[] { new { type = "text", text } }, content = text, createdAt = DateTime.UtcNow },
        selectedChatModel = model,
        selectedVisibilityType = visibility,
    };

    /// <summary>Sends a message; the response is returned once its headers arrive, so the stream can be read as it comes.</summary>
    public static Task<HttpResponseMessage> PostAsync(this ApiClient api, string token, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>Sends a message and reads its whole stream.</summary>
    public static async Task<SseBody> ChatAsync(this ApiClient api, string token, object body)
    {
        using var response = await api.PostAsync(token, body);
        Assert.True(response.IsSuccessStatusCode, $"POST /api/chat: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await SseBody.ReadAsync(response);
    }

    public static Task<HttpResponseMessage> ResumeAsync(this ApiClient api, string token, string chatId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/chat/{chatId}/stream");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(this ApiClient api, string path, string? token)
    {
        using var response = await api.GetAsync(path, bearer: token);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    public static Task<HttpResponseMessage> SendJsonAsync(this ApiClient api, HttpMethod method, string path, object body, string? token) =>
        api.SendAsync(method, path, JsonContent.Create(body), token);

    /// <summary>Asserts a problem response: its status, and the contract's code with its canonical message.</summary>
    public static async Task AssertProblemAsync(this HttpResponseMessage response, int status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        Assert.Equal(code, document.RootElement.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(document.RootElement.GetProperty("message").GetString()));
        Assert.False(string.IsNullOrEmpty(document.RootElement.GetProperty("cause").GetString()));
    }
}

/// <summary>An SSE body: its raw text, and its events' data in order.</summary>
public sealed record SseBody(string Raw, IReadOnlyList<string> Data)
{
    /// <summary>The JSON chunks (every event but <c>[DONE]</c>).</summary>
    public IReadOnlyList<JsonElement> Chunks => [.. Data.Where(data => data != ChatApi.Done).Select(data => JsonDocument.Parse(data).RootElement.Clone())];

    public IReadOnlyList<string> Types => [.. Chunks.Select(chunk => chunk.GetProperty("type").GetString()!)];

    public bool EndsWithDone => Data.Count > 0 && Data[^1] == ChatApi.Done;

    public string Text => string.Concat(Chunks.Where(chunk => chunk.GetProperty("type").GetString() == "text-delta").Select(chunk => chunk.GetProperty("delta").GetString()));

    public static async Task<SseBody> ReadAsync(HttpResponseMessage response, int? stopAfterEvents = null)
    {
        using var stream = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var raw = new StringBuilder();
        var data = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            raw.Append(line).Append('\n');
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Add(line["data: ".Length..]);
                if (data.Count == stopAfterEvents)
                {
                    break;
                }
            }
        }

        return new SseBody(raw.ToString(), data);
    }
}
