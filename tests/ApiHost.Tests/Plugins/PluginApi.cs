using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cluster.ApiHost.Tests.Chats;
using Cluster.Runtime.Testing;

namespace Cluster.ApiHost.Tests.Plugins;

/// <summary>The plugin routes' common steps.</summary>
public static class PluginApi
{
    /// <summary>Registers <paramref name="service"/> as the administrator <paramref name="admin"/>; the registration as answered.</summary>
    public static async Task<JsonElement> RegisterAsync(this ApiClient api, string admin, FeatureService service)
    {
        using var response = await api.SendAsync(HttpMethod.Post, "/api/admin/services", JsonContent.Create(new { id = service.Id, baseUrl = service.BaseUrl }), admin);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    /// <summary>The caller's plugins by id.</summary>
    public static async Task<Dictionary<string, JsonElement>> PluginsAsync(this ApiClient api, string token) =>
        (await api.GetJsonAsync("/api/plugins", token)).EnumerateArray().ToDictionary(plugin => plugin.GetProperty("id").GetString()!);

    /// <summary>The service as the administrators' list shows it; null when it is not listed.</summary>
    public static async Task<JsonElement?> AdminServiceAsync(this ApiClient api, string admin, string id) =>
        (await api.GetJsonAsync("/api/admin/services", admin)).EnumerateArray().Cast<JsonElement?>().FirstOrDefault(service => service!.Value.GetProperty("id").GetString() == id);

    /// <summary>Waits until the administrators' list shows <paramref name="id"/> in a state <paramref name="condition"/> accepts.</summary>
    public static Task WaitForServiceAsync(this ApiClient api, string admin, string id, Func<JsonElement, bool> condition, string because) =>
        Eventually.WaitUntilAsync(async () => await api.AdminServiceAsync(admin, id) is { } service && condition(service), TimeSpan.FromSeconds(15), because, TimeSpan.FromMilliseconds(100));

    public static Task<HttpResponseMessage> PatchSettingsAsync(this ApiClient api, string token, string id, object patch) =>
        api.SendJsonAsync(HttpMethod.Patch, $"/api/plugins/{id}/settings", patch, token);
}
