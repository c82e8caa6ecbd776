using System.Net;
using System.Text.Json;
using Cluster.ApiHost.Tests.Chats;

namespace Cluster.ApiHost.Tests.Configs;

/// <summary>Calls of the configuration routes the tests share.</summary>
public static class ConfigApi
{
    /// <summary>A configuration name no other test uses.</summary>
    public static string NewName() => $"test-{Guid.NewGuid():N}"[..30];

    /// <summary>Saves a version and asserts it was saved; the answer.</summary>
    public static async Task<JsonElement> SaveAsync(this ApiClient api, string token, string name, object body)
    {
        using var response = await api.SendJsonAsync(HttpMethod.Post, $"/api/config/{name}", body, token);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>The configuration's versions and activation state.</summary>
    public static Task<JsonElement> VersionsAsync(this ApiClient api, string token, string name) => api.GetJsonAsync($"/api/config/{name}/versions", token);

    /// <summary>Reports an activation outcome as a consumer.</summary>
    public static Task<HttpResponseMessage> ReportAsync(this ApiClient api, string token, string name, string version, bool success, string? error = null) =>
        api.SendJsonAsync(HttpMethod.Post, $"/api/config/{name}/activation-result", new { version, success, error, consumer = "test consumer" }, token);
}
