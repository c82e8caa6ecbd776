using System.Net;
using System.Text.Json;
using Cluster.ApiHost.Tests.Chats;
using Cluster.Runtime.Testing;

namespace Cluster.ApiHost.Tests.Plugins;

[Collection(IdentityClusterCollection.Name)]
public sealed class PluginEndpointTests(IdentityClusterFixture cluster)
{
    [Fact]
    public async Task Register_TwoServicesWithManifests_EachAppearsOnEveryApiHostForItsAllowedUsersOnly()
    {
        await using var service = await FeatureService.StartAsync();
        await using var open = await FeatureService.StartAsync();
        open.Manifest = FeatureService.ManifestJson(open.Id, allowSuperuser: false);
        using var first = cluster.Client();
        using var second = cluster.Client(second: true);
        var admin = await cluster.NewAdminAsync(first);
        var group = await first.CreateGroupAsync(admin);
        service.Manifest = FeatureService.ManifestJson(service.Id, requiredGroups: group.Name);
        var member = await first.RegisterNewAsync();
        var outsider = await first.RegisterNewAsync();
        using (await first.SendAsync(HttpMethod.Post, $"/api/admin/groups/{group.Id}/members/{member.User.Id}", bearer: admin))
        {
        }

        var registered = await first.RegisterAsync(admin, service);
        await second.RegisterAsync(admin, open);

        Assert.Equal("healthy", registered.GetProperty("status").GetString());
        Assert.Equal(1, registered.GetProperty("manifestRevision").GetInt32());
        Assert.Equal($"{service.Id}-admin", registered.GetProperty("adminGroup").GetString());
        await Eventually.WaitUntilAsync(async () => (await second.PluginsAsync(member.AccessToken)).ContainsKey(service.Id), because: "the registry's push reaches the other API host");
        var plugin = (await second.PluginsAsync(member.AccessToken))[service.Id];
        Assert.Equal($"Test service {service.Id}", plugin.GetProperty("name").GetString());
        Assert.True(plugin.GetProperty("canUse").GetBoolean());
        Assert.False(plugin.GetProperty("canAdminister").GetBoolean());
        Assert.True(plugin.GetProperty("hasSettings").GetBoolean());
        Assert.Equal("puzzle", plugin.GetProperty("ui").GetProperty("icon").GetString());
        Assert.True((await first.PluginsAsync(admin))[service.Id].GetProperty("canAdminister").GetBoolean());
        var outsiders = await second.PluginsAsync(outsider.AccessToken);
        Assert.False(outsiders.ContainsKey(service.Id));
        Assert.True(outsiders[open.Id].GetProperty("canUse").GetBoolean());
        var manifest = await second.GetJsonAsync($"/api/plugins/{service.Id}/manifest", member.AccessToken);
        Assert.Equal("/api_key", manifest.GetProperty("secretFields")[0].GetString());
        Assert.Equal(group.Name, manifest.GetProperty("access").GetProperty("requiredGroups")[0].GetString());
        using var hidden = await second.GetAsync($"/api/plugins/{service.Id}/manifest", outsider.AccessToken);
        await hidden.AssertProblemAsync(404, "not_found:plugin");
        var services = await second.GetJsonAsync("/api/services", outsider.AccessToken);
        var listed = services.EnumerateArray().Single(entry => entry.GetProperty("id").GetString() == service.Id);
        Assert.Equal("healthy", listed.GetProperty("status").GetString());
        Assert.False(listed.TryGetProperty("baseUrl", out _));
    }

    [Fact]
    public async Task Register_Service_CreatesItsAdminGroupWhoseMembersAdministerIt()
    {
        await using var service = await FeatureService.StartAsync();
        service.Manifest = FeatureService.ManifestJson(service.Id, allowSuperuser: true, requiredGroups: "nobody-has-this-group");
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var delegated = await api.RegisterNewAsync();

        await api.RegisterAsync(admin, service);
        await api.RegisterAsync(admin, service);
        var groups = await api.GetJsonAsync("/api/admin/groups", admin);
        var adminGroups = groups.EnumerateArray().Where(group => group.GetProperty("name").GetString() == $"{service.Id}-admin").ToList();
        using var before = await api.GetAsync($"/api/plugins/{service.Id}/settings", delegated.AccessToken);
        using (await api.SendAsync(HttpMethod.Post, $"/api/admin/groups/{adminGroups[0].GetProperty("id").GetString()}/members/{delegated.User.Id}", bearer: admin))
        {
        }

        using var changed = await api.PatchSettingsAsync(delegated.AccessToken, service.Id, new { greeting = "from the delegate" });

        Assert.Single(adminGroups);
        await before.AssertProblemAsync(404, "not_found:plugin");
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("from the delegate", service.Settings["greeting"]!.GetValue<string>());
    }

    [Fact]
    public async Task Settings_ReadAndChanged_SecretsMaskedSchemaEnforcedChangeTakesEffectAndIsAudited()
    {
        await using var service = await FeatureService.StartAsync();
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        await api.RegisterAsync(admin, service);

        var read = await api.GetJsonAsync($"/api/plugins/{service.Id}/settings", admin);
        using var invalid = await api.PatchSettingsAsync(admin, service.Id, new { retries = 9, greeting = new string('x', 30) });
        using var notObject = await api.SendAsync(HttpMethod.Patch, $"/api/plugins/{service.Id}/settings", new StringContent("[1]", System.Text.Encoding.UTF8, "application/json"), admin);
        using var refused = await api.PatchSettingsAsync(admin, service.Id, new { greeting = "refuse" });
        var patchesBefore = service.SettingsPatches;
        using var changed = await api.PatchSettingsAsync(admin, service.Id, new { greeting = "bonjour", api_key = "********" });
        var greeting = await api.GetJsonAsync($"/api/plugins/{service.Id}/api/greeting", admin);

        Assert.Equal("********", read.GetProperty("api_key").GetString());
        Assert.Equal("hello", read.GetProperty("greeting").GetString());
        await invalid.AssertProblemAsync(400, "bad_request:plugin");
        var errors = (await invalid.JsonAsync()).GetProperty("errors").EnumerateArray().Select(error => error.GetString()).ToList();
        Assert.Contains(errors, error => error!.Contains("retries", StringComparison.Ordinal));
        Assert.Contains(errors, error => error!.Contains("greeting", StringComparison.Ordinal));
        await notObject.AssertProblemAsync(400, "bad_request:plugin");
        await refused.AssertProblemAsync(422, "unprocessable:plugin");
        Assert.Contains("greeting 'refuse' is not accepted", (await refused.JsonAsync()).GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, patchesBefore);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var answered = await changed.JsonAsync();
        Assert.Equal("bonjour", answered.GetProperty("greeting").GetString());
        Assert.Equal("********", answered.GetProperty("api_key").GetString());
        Assert.Equal("sk-original", service.Settings["api_key"]!.GetValue<string>());
        Assert.Equal("bonjour", greeting.GetProperty("greeting").GetString());
        await Eventually.WaitUntilAsync(
            async () => (await api.GetJsonAsync($"/api/admin/audit?action={Uri.EscapeDataString("PATCH /api/plugins/{id}/settings")}", admin)).GetProperty("entries").EnumerateArray()
                .Any(entry => entry.GetProperty("target").GetString() == $"id={service.Id}, fields=/greeting" && entry.GetProperty("outcome").GetInt32() == 200),
            TimeSpan.FromSeconds(10),
            "the settings change is in the audit trail with the fields it set");
    }

    [Fact]
    public async Task Settings_UserWithAccessButNotAdmin_CanReadButNotChange()
    {
        await using var service = await FeatureService.StartAsync();
        service.Manifest = FeatureService.ManifestJson(service.Id, allowSuperuser: false);
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var user = await api.RegisterNewAsync();
        await api.RegisterAsync(admin, service);

        using var read = await api.GetAsync($"/api/plugins/{service.Id}/settings", user.AccessToken);
        using var change = await api.PatchSettingsAsync(user.AccessToken, service.Id, new { greeting = "mine" });

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        await change.AssertProblemAsync(403, "forbidden:plugin");
        Assert.Equal("hello", service.Settings["greeting"]!.GetValue<string>());
    }

    [Fact]
    public async Task Manifest_BecomesInvalid_IsReportedAndTheLastValidOneStays()
    {
        await using var service = await FeatureService.StartAsync();
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        await api.RegisterAsync(admin, service);

        service.Manifest = "{ \"id\": \"broken";
        await api.WaitForServiceAsync(admin, service.Id, entry => entry.GetProperty("manifestError").GetString() is { } error && error.Contains("not valid JSON", StringComparison.Ordinal), "the broken manifest is reported");
        var stillListed = (await api.PluginsAsync(admin)).ContainsKey(service.Id);
        service.Manifest = FeatureService.ManifestJson(service.Id, version: "2.0.0");
        await api.WaitForServiceAsync(admin, service.Id, entry => entry.GetProperty("manifestVersion").GetString() == "2.0.0", "the new manifest is taken");
        var recovered = (await api.AdminServiceAsync(admin, service.Id))!.Value;

        Assert.True(stillListed);
        Assert.Equal(JsonValueKind.Null, recovered.GetProperty("manifestError").ValueKind);
        Assert.Equal(2, recovered.GetProperty("manifestRevision").GetInt32());
    }

    [Fact]
    public async Task Manifest_OfAnotherId_IsRefusedAndThePluginNotListed()
    {
        await using var service = await FeatureService.StartAsync();
        service.Manifest = FeatureService.ManifestJson("someone-else");
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);

        var registered = await api.RegisterAsync(admin, service);

        Assert.Contains("'someone-else'", registered.GetProperty("manifestError").GetString(), StringComparison.Ordinal);
        Assert.False((await api.PluginsAsync(admin)).ContainsKey(service.Id));
    }

    [Fact]
    public async Task Service_GoesDownAndUp_HealthFollows()
    {
        await using var service = await FeatureService.StartAsync();
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        await api.RegisterAsync(admin, service);

        service.Healthy = false;
        await api.WaitForServiceAsync(admin, service.Id, entry => entry.GetProperty("status").GetString() == "unhealthy", "a 503 from /health is seen");
        var down = (await api.AdminServiceAsync(admin, service.Id))!.Value;
        await service.StopAsync();
        await api.WaitForServiceAsync(admin, service.Id, entry => entry.GetProperty("error").GetString()?.Contains("ConnectionError", StringComparison.Ordinal) == true, "a stopped service is seen");
        service.Healthy = true;
        await service.StartAsync();
        await api.WaitForServiceAsync(admin, service.Id, entry => entry.GetProperty("status").GetString() == "healthy", "the restarted service is seen");

        Assert.Contains("503", down.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceEvents_RegistrationAndHealthChange_ArePushedToTheBrowser()
    {
        await using var service = await FeatureService.StartAsync();
        using var api = cluster.Client(second: true);
        var admin = await cluster.NewAdminAsync(api);
        var user = await api.RegisterNewAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/services/events");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", user.AccessToken);
        using var response = await api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var events = new StreamReader(await response.Content.ReadAsStreamAsync());

        await api.RegisterAsync(admin, service);
        var registered = await NextEventOfAsync(events, service.Id);
        service.Healthy = false;
        var unhealthy = await NextEventOfAsync(events, service.Id, status: "unhealthy");
        using var delete = await api.SendAsync(HttpMethod.Delete, $"/api/admin/services/{service.Id}", bearer: admin);
        var removed = await NextEventOfAsync(events, service.Id, eventName: "removed");

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("healthy", registered.GetProperty("status").GetString());
        Assert.Equal("unhealthy", unhealthy.GetProperty("status").GetString());
        Assert.Equal(service.Id, removed.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Unregister_Service_DisappearsAndIsThen404()
    {
        await using var service = await FeatureService.StartAsync();
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        await api.RegisterAsync(admin, service);

        using var removed = await api.SendAsync(HttpMethod.Delete, $"/api/admin/services/{service.Id}", bearer: admin);
        using var again = await api.SendAsync(HttpMethod.Delete, $"/api/admin/services/{service.Id}", bearer: admin);
        using var manifest = await api.GetAsync($"/api/plugins/{service.Id}/manifest", admin);

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        await again.AssertProblemAsync(404, "not_found:service");
        await manifest.AssertProblemAsync(404, "not_found:plugin");
        Assert.Null(await api.AdminServiceAsync(admin, service.Id));
    }

    // The data of the next event named eventName about the service (with the status, when given), within 15 s.
    private static async Task<JsonElement> NextEventOfAsync(StreamReader events, string id, string? status = null, string eventName = "service")
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var name = string.Empty;
        while (await events.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && name == eventName)
            {
                using var document = JsonDocument.Parse(line["data: ".Length..]);
                var data = document.RootElement.Clone();
                if (data.GetProperty("id").GetString() == id && (status is null || data.GetProperty("status").GetString() == status))
                {
                    return data;
                }
            }
        }

        throw new InvalidOperationException("The event stream ended.");
    }

    [Theory]
    [InlineData("Bad_Id", "http://127.0.0.1:1/")]
    [InlineData("ok-id", "ftp://example.com/")]
    [InlineData("ok-id", "http://user:pw@example.com/")]
    [InlineData("ok-id", "not a url")]
    [InlineData(null, "http://example.com/")]
    public async Task Register_InvalidIdOrUrl_Is400(string? id, string baseUrl)
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);

        using var response = await api.SendJsonAsync(HttpMethod.Post, "/api/admin/services", new { id, baseUrl }, admin);

        await response.AssertProblemAsync(400, "bad_request:api");
    }

    [Fact]
    public async Task AdminServiceRoutes_NonAdmin_Are403()
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();

        using var list = await api.GetAsync("/api/admin/services", user.AccessToken);
        using var register = await api.SendJsonAsync(HttpMethod.Post, "/api/admin/services", new { id = "x", baseUrl = "http://127.0.0.1:1/" }, user.AccessToken);
        using var remove = await api.SendAsync(HttpMethod.Delete, "/api/admin/services/x", bearer: user.AccessToken);

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, register.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, remove.StatusCode);
    }

    [Fact]
    public async Task PluginRoutes_Anonymous_Are401()
    {
        using var api = cluster.Client();

        using var plugins = await api.GetAsync("/api/plugins");
        using var services = await api.GetAsync("/api/services");
        using var proxied = await api.GetAsync("/api/plugins/some-plugin/api/greeting");

        Assert.Equal(HttpStatusCode.Unauthorized, plugins.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, services.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, proxied.StatusCode);
    }

}
