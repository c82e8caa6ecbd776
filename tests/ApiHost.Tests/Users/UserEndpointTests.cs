using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cluster.ApiHost.Users;

namespace Cluster.ApiHost.Tests.Users;

[Collection(IdentityClusterCollection.Name)]
public sealed class UserEndpointTests(IdentityClusterFixture cluster)
{
    [Fact]
    public async Task GetMe_SignedIn_AnswersTheAccount()
    {
        using var api = cluster.Client();
        var tokens = await api.RegisterNewAsync();

        using var response = await api.GetAsync("/api/users/me", bearer: tokens.AccessToken);
        var me = await response.Content.ReadFromJsonAsync<UserResponse>();

        Assert.Equal((tokens.User.Id, tokens.User.Email, "regular", "user", true), (me!.Id, me.Email, me.Type, me.Role, me.IsActive));
    }

    [Fact]
    public async Task PatchPreferences_PinnedAndUiPatches_MergeAndRemove()
    {
        using var api = cluster.Client();
        var tokens = await api.RegisterNewAsync();

        await PatchAsync(api, tokens.AccessToken, """{"pinnedAppIds":["chat","docs-2"],"ui":{"theme":"dark","layout":{"sidebar":true,"width":240}}}""");
        using var second = await PatchAsync(api, tokens.AccessToken, """{"ui":{"theme":null,"layout":{"width":300}}}""");
        var preferences = await second.Content.ReadFromJsonAsync<PreferencesResponse>();

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(["chat", "docs-2"], preferences!.PinnedAppIds);
        Assert.Equal("""{"layout":{"sidebar":true,"width":300}}""", preferences.Ui.GetRawText());
        Assert.Equal(2, preferences.Version);
    }

    [Fact]
    public async Task PatchPreferences_ConcurrentPatchesOfDifferentKeysOnTwoApiHosts_AllHold()
    {
        using var first = cluster.Client();
        using var second = cluster.Client(second: true);
        var tokens = await first.RegisterNewAsync();

        await Task.WhenAll(Enumerable.Range(0, 10).Select(index =>
            PatchAsync(index % 2 == 0 ? first : second, tokens.AccessToken, JsonSerializer.Serialize(new { ui = new Dictionary<string, int> { [$"key{index}"] = index } }))));
        using var response = await first.GetAsync("/api/users/me/preferences", bearer: tokens.AccessToken);
        var preferences = await response.Content.ReadFromJsonAsync<PreferencesResponse>();

        Assert.Equal(10, preferences!.Ui.EnumerateObject().Count());
        Assert.Equal(10, preferences.Version);
    }

    [Theory]
    [InlineData("""{"pinnedAppIds":["Chat"]}""", "'Chat' is not an app id")]
    [InlineData("""{"pinnedAppIds":["../etc/passwd"]}""", "is not an app id")]
    [InlineData("""{"pinnedAppIds":["a","a"]}""", "pinned twice")]
    [InlineData("""{"ui":[1,2]}""", "JSON Merge Patch")]
    [InlineData("""{"theme":"dark"}""", "pinnedAppIds")]
    [InlineData("""[]""", "JSON object")]
    public async Task PatchPreferences_BadPatch_IsRefusedSayingWhy(string patch, string expected)
    {
        using var api = cluster.Client();
        var tokens = await api.RegisterNewAsync();

        using var response = await PatchAsync(api, tokens.AccessToken, patch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PatchPreferences_TooManyPinsOrTooLargeUi_IsRefusedAndNothingChanges()
    {
        using var api = cluster.Client();
        var tokens = await api.RegisterNewAsync();
        await PatchAsync(api, tokens.AccessToken, """{"pinnedAppIds":["keep"]}""");

        using var tooMany = await PatchAsync(api, tokens.AccessToken, JsonSerializer.Serialize(new { pinnedAppIds = Enumerable.Range(0, 51).Select(index => $"app-{index}") }));
        using var tooLarge = await PatchAsync(api, tokens.AccessToken, JsonSerializer.Serialize(new { pinnedAppIds = new[] { "lost" }, ui = new { blob = new string('x', 70_000) } }));
        using var response = await api.GetAsync("/api/users/me/preferences", bearer: tokens.AccessToken);

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLarge.StatusCode);
        Assert.Equal(["keep"], (await response.Content.ReadFromJsonAsync<PreferencesResponse>())!.PinnedAppIds);
    }

    [Fact]
    public async Task PutProfile_HostileStrings_AreStoredVerbatimAndReturnedEscaped()
    {
        using var api = cluster.Client();
        var tokens = await api.RegisterNewAsync();
        var name = "Zoë \"Bobby\" O'Brien <script>alert(1)</script> 🦀 مرحبا";
        var bio = new string('ж', 999) + "\n";

        using var put = await api.SendAsync(HttpMethod.Put, "/api/profile", JsonContent.Create(new ProfileRequest(name, bio, "https://cdn.example.com/a.png?x=1&y=\"2\"", "fr-CA", "Europe/Paris")), tokens.AccessToken);
        using var get = await api.GetAsync("/api/profile", bearer: tokens.AccessToken);
        var raw = await get.Content.ReadAsStringAsync();
        var profile = JsonSerializer.Deserialize<ProfileResponse>(raw, JsonSerializerOptions.Web);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal((name, bio, "fr-CA", "Europe/Paris"), (profile!.DisplayName, profile.Bio, profile.Locale, profile.TimeZone));
        Assert.DoesNotContain("<script>", raw, StringComparison.Ordinal);
        Assert.Equal("application/json", get.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("displayName", "line\nbreak", null, null)]
    [InlineData("avatarUrl", null, "javascript:alert(1)", null)]
    [InlineData("avatarUrl", null, "http://plain.example.com/a.png", null)]
    [InlineData("timeZone", null, null, "Mars/Olympus")]
    public async Task PutProfile_BadField_IsAValidationProblemNamingIt(string field, string? displayName, string? avatarUrl, string? timeZone)
    {
        using var api = cluster.Client();
        var tokens = await api.RegisterNewAsync();

        using var response = await api.SendAsync(HttpMethod.Put, "/api/profile", JsonContent.Create(new ProfileRequest(displayName, null, avatarUrl, null, timeZone)), tokens.AccessToken);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task GetProfile_AnotherUsersChanges_AreNotSeen()
    {
        using var api = cluster.Client();
        var alice = await api.RegisterNewAsync();
        var bob = await api.RegisterNewAsync();
        using var put = await api.SendAsync(HttpMethod.Put, "/api/profile", JsonContent.Create(new ProfileRequest("Alice", null, null, null, null)), alice.AccessToken);

        using var response = await api.GetAsync("/api/profile", bearer: bob.AccessToken);

        Assert.Null((await response.Content.ReadFromJsonAsync<ProfileResponse>())!.DisplayName);
    }

    [Theory]
    [InlineData("/api/users/me")]
    [InlineData("/api/users/me/preferences")]
    [InlineData("/api/profile")]
    public async Task Get_Anonymous_IsUnauthorized(string path)
    {
        using var api = cluster.Client();

        using var response = await api.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static Task<HttpResponseMessage> PatchAsync(ApiClient api, string bearer, string json) =>
        api.SendAsync(HttpMethod.Patch, "/api/users/me/preferences", new StringContent(json, Encoding.UTF8, "application/merge-patch+json"), bearer);
}
