using System.Net;
using Cluster.ApiHost.Tests.Chats;

namespace Cluster.ApiHost.Tests.Preferences;

/// <summary>
/// Dashboard preferences. The policy is one grain for the cluster, shared by every test of the collection, so the test
/// that sets it puts it back.
/// </summary>
[Collection(IdentityClusterCollection.Name)]
public sealed class PreferencesEndpointTests(IdentityClusterFixture cluster)
{
    [Fact]
    public async Task Patch_Twice_MergesSoUnrelatedFieldsStay()
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();

        using var first = await api.SendJsonAsync(HttpMethod.Patch, "/api/preferences", new { theme = "dark", layout = new { columns = 3, density = "compact" } }, user.AccessToken);
        using var second = await api.SendJsonAsync(HttpMethod.Patch, "/api/preferences", new { layout = new { columns = 4, density = (string?)null } }, user.AccessToken);
        var read = await api.GetJsonAsync("/api/preferences", user.AccessToken);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var preferences = read.GetProperty("preferences");
        Assert.Equal("dark", preferences.GetProperty("theme").GetString());
        Assert.Equal(4, preferences.GetProperty("layout").GetProperty("columns").GetInt32());
        Assert.False(preferences.GetProperty("layout").TryGetProperty("density", out _));
        Assert.Equal(2, read.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Policy_DefaultsAndLockedKeys_ApplyToEveryUserAndLockedOnesCannotChange()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var user = await api.RegisterNewAsync();
        using (await api.SendJsonAsync(HttpMethod.Patch, "/api/preferences", new { theme = "dark", layout = new { columns = 2 } }, user.AccessToken))
        {
        }

        try
        {
            using var set = await api.SendJsonAsync(
                HttpMethod.Put, "/api/admin/preferences/policy", new { defaults = new { theme = "light", language = "en", banner = new { shown = true } }, locked = new[] { "/theme", "/banner/shown" } }, admin);
            var read = await api.GetJsonAsync("/api/preferences", user.AccessToken);
            using var lockedChange = await api.SendJsonAsync(HttpMethod.Patch, "/api/preferences", new { theme = "neon", language = "fr" }, user.AccessToken);
            using var aroundLock = await api.SendJsonAsync(HttpMethod.Patch, "/api/preferences", new { banner = (object?)null }, user.AccessToken);
            using var allowed = await api.SendJsonAsync(HttpMethod.Patch, "/api/preferences", new { language = "fr" }, user.AccessToken);
            using var notAdmin = await api.SendJsonAsync(HttpMethod.Put, "/api/admin/preferences/policy", new { defaults = new { } }, user.AccessToken);

            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            var preferences = read.GetProperty("preferences");
            Assert.Equal("light", preferences.GetProperty("theme").GetString());
            Assert.Equal("en", preferences.GetProperty("language").GetString());
            Assert.Equal(2, preferences.GetProperty("layout").GetProperty("columns").GetInt32());
            Assert.True(preferences.GetProperty("banner").GetProperty("shown").GetBoolean());
            Assert.Equal(["/theme", "/banner/shown"], read.GetProperty("locked").EnumerateArray().Select(key => key.GetString()));
            await lockedChange.AssertProblemAsync(400, "bad_request:api");
            Assert.Contains("/theme is locked", await lockedChange.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            await aroundLock.AssertProblemAsync(400, "bad_request:api");
            Assert.Equal("fr", (await allowed.JsonAsync()).GetProperty("preferences").GetProperty("language").GetString());
            Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
        }
        finally
        {
            using var reset = await api.SendJsonAsync(HttpMethod.Put, "/api/admin/preferences/policy", new { defaults = new { }, locked = Array.Empty<string>() }, admin);
        }

        var unlocked = await api.GetJsonAsync("/api/preferences", user.AccessToken);
        Assert.Equal("dark", unlocked.GetProperty("preferences").GetProperty("theme").GetString());
    }

    [Theory]
    [InlineData("""{"defaults":[1]}""")]
    [InlineData("""{"defaults":{},"locked":["theme"]}""")]
    [InlineData("""{"defaults":{},"locked":["/a//b"]}""")]
    public async Task Policy_Invalid_Is400AndNothingChanges(string body)
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var before = await api.GetJsonAsync("/api/admin/preferences/policy", admin);

        using var response = await api.SendAsync(HttpMethod.Put, "/api/admin/preferences/policy", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), admin);
        var after = await api.GetJsonAsync("/api/admin/preferences/policy", admin);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before.GetRawText(), after.GetRawText());
    }

    [Fact]
    public async Task Patch_NotAnObjectOrTooLarge_Is400()
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();

        using var array = await api.SendAsync(HttpMethod.Patch, "/api/preferences", new StringContent("[]", System.Text.Encoding.UTF8, "application/json"), user.AccessToken);
        using var large = await api.SendJsonAsync(HttpMethod.Patch, "/api/preferences", new { blob = new string('x', 70 * 1024) }, user.AccessToken);

        await array.AssertProblemAsync(400, "bad_request:api");
        await large.AssertProblemAsync(400, "bad_request:api");
    }
}
