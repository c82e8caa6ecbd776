using System.Net;
using Cluster.ApiHost.Tests.Chats;
using Cluster.Grains.Interfaces.Settings;

namespace Cluster.ApiHost.Tests.Settings;

/// <summary>
/// The administrators' settings. They are one grain for the whole cluster, shared by every test of the collection, so
/// each test puts back what it changed.
/// </summary>
[Collection(IdentityClusterCollection.Name)]
public sealed class SettingsEndpointTests(IdentityClusterFixture cluster)
{
    [Fact]
    public async Task PatchAi_KeyAndUrl_HeldOnEveryHostKeyMaskedAndInClearOnlyForSilos()
    {
        using var first = cluster.Client();
        using var second = cluster.Client(second: true);
        var admin = await cluster.NewAdminAsync(first);
        try
        {
            using var changed = await first.SendJsonAsync(HttpMethod.Patch, "/api/settings/ai", new { apiKey = "sk-administered", baseUrl = "http://127.0.0.1:9/v1/" }, admin);
            using var keptKey = await first.SendJsonAsync(HttpMethod.Patch, "/api/settings/ai", new { apiKey = "********" }, admin);
            var read = await second.GetJsonAsync("/api/settings/ai", admin);
            var client = await cluster.Cluster.CreateClientAsync();
            var connection = await client.GetGrain<IPlatformSettingsGrain>(IPlatformSettingsGrain.Key).GetAiConnectionAsync();

            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
            Assert.Equal(HttpStatusCode.OK, keptKey.StatusCode);
            Assert.Equal("********", read.GetProperty("apiKey").GetString());
            Assert.Equal("http://127.0.0.1:9/v1", read.GetProperty("baseUrl").GetString());
            Assert.Equal("openai", read.GetProperty("provider").GetString());
            Assert.Equal(["apiKey", "baseUrl"], read.GetProperty("overridden").EnumerateArray().Select(name => name.GetString()).Order());
            Assert.Equal("sk-administered", connection.ApiKey);
            Assert.DoesNotContain("sk-administered", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            using var reset = await first.SendJsonAsync(HttpMethod.Patch, "/api/settings/ai", new { apiKey = (string?)null, baseUrl = (string?)null }, admin);
        }

        var after = await first.GetJsonAsync("/api/settings/ai", admin);
        Assert.Empty(after.GetProperty("overridden").EnumerateArray());
    }

    [Theory]
    [InlineData("""{"baseUrl":"ftp://example.com"}""", "baseUrl")]
    [InlineData("""{"apiKey":""}""", "apiKey")]
    [InlineData("""{"azureApiVersion":"latest"}""", "azureApiVersion")]
    [InlineData("""{"titleModel":"no-such-model"}""", "titleModel")]
    [InlineData("""{"temperature":1}""", "temperature")]
    [InlineData("""{"baseUrl":42}""", "baseUrl")]
    [InlineData("[]", "JSON object")]
    public async Task PatchAi_InvalidSetting_Is400NamingItAndChangesNothing(string body, string named)
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var before = await api.GetJsonAsync("/api/settings/ai", admin);

        using var response = await api.SendAsync(HttpMethod.Patch, "/api/settings/ai", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), admin);
        var after = await api.GetJsonAsync("/api/settings/ai", admin);

        await response.AssertProblemAsync(400, "bad_request:api");
        Assert.Contains((await response.JsonAsync()).GetProperty("errors").EnumerateArray(), error => error.GetString()!.Contains(named, StringComparison.Ordinal));
        Assert.Equal(before.GetRawText(), after.GetRawText());
    }

    [Fact]
    public async Task TestAi_LocalTitleModel_Answers()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);

        using var response = await api.SendAsync(HttpMethod.Post, "/api/settings/ai/test", bearer: admin);
        var result = await response.JsonAsync();

        Assert.True(result.GetProperty("ok").GetBoolean(), result.GetRawText());
        Assert.Equal("chat-model", result.GetProperty("model").GetString());
    }

    [Fact]
    public async Task SettingsRoutes_UserOrAdminGroupMember_OnlyTheServicesAdminsGetIn()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var user = await api.RegisterNewAsync();
        var delegated = await api.RegisterNewAsync();
        var groupId = await EnsureGroupAsync(api, admin, "ai-service-admin");
        using (await api.SendAsync(HttpMethod.Post, $"/api/admin/groups/{groupId}/members/{delegated.User.Id}", bearer: admin))
        {
        }

        using var userAi = await api.GetAsync("/api/settings/ai", user.AccessToken);
        using var userPrompts = await api.GetAsync("/api/settings/system-prompts", user.AccessToken);
        using var userLimits = await api.GetAsync("/api/settings/documents/limits", user.AccessToken);
        using var delegatedAi = await api.GetAsync("/api/settings/ai", delegated.AccessToken);
        using var delegatedLimits = await api.GetAsync("/api/settings/documents/limits", delegated.AccessToken);
        using var anonymous = await api.GetAsync("/api/settings/ai");

        await userAi.AssertProblemAsync(403, "forbidden:auth");
        await userPrompts.AssertProblemAsync(403, "forbidden:auth");
        await userLimits.AssertProblemAsync(403, "forbidden:auth");
        Assert.Equal(HttpStatusCode.OK, delegatedAi.StatusCode);
        await delegatedLimits.AssertProblemAsync(403, "forbidden:auth");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task PatchSystemPrompt_Chat_ReachesTheModelOfTheNextMessageAndResets()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var user = await api.RegisterNewAsync();
        var prompts = await api.GetJsonAsync("/api/settings/system-prompts", admin);
        try
        {
            using var changed = await api.SendJsonAsync(HttpMethod.Patch, "/api/settings/system-prompts/chat", new { content = "Answer like a pirate." }, admin);
            var answer = await api.ChatAsync(user.AccessToken, ChatApi.Body(ChatApi.NewId(), "Hello"));

            Assert.Equal(["chat", "title"], prompts.EnumerateArray().Select(prompt => prompt.GetProperty("id").GetString()));
            Assert.True((await changed.JsonAsync()).GetProperty("isDefault").GetBoolean() is false);
            Assert.StartsWith("Following the system prompt \u201cAnswer like a pirate.\u201d", answer.Text, StringComparison.Ordinal);
        }
        finally
        {
            using var reset = await api.SendJsonAsync(HttpMethod.Patch, "/api/settings/system-prompts/chat", new { content = (string?)null }, admin);
        }

        var plain = await api.ChatAsync(user.AccessToken, ChatApi.Body(ChatApi.NewId(), "Hello"));
        using var unknown = await api.SendJsonAsync(HttpMethod.Patch, "/api/settings/system-prompts/nope", new { content = "x" }, admin);
        using var tooLong = await api.SendJsonAsync(HttpMethod.Patch, "/api/settings/system-prompts/chat", new { content = new string('x', SystemPromptInfo.MaxContentLength + 1) }, admin);

        Assert.StartsWith("This is the local development model", plain.Text, StringComparison.Ordinal);
        await unknown.AssertProblemAsync(404, "not_found:settings");
        await tooLong.AssertProblemAsync(400, "bad_request:api");
    }

    [Fact]
    public async Task PatchDocumentLimits_MaxContent_HoldsForTheNextSaveAndResets()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var document = Guid.NewGuid().ToString();
        try
        {
            using var changed = await api.SendJsonAsync(HttpMethod.Patch, "/api/settings/documents/limits", new { maxContentCharacters = 10 }, admin);
            using var tooLong = await api.SendJsonAsync(HttpMethod.Post, $"/api/document?id={document}", new { title = "T", kind = "text", content = "eleven char" }, admin);
            using var fits = await api.SendJsonAsync(HttpMethod.Post, $"/api/document?id={document}", new { title = "T", kind = "text", content = "ten chars." }, admin);
            using var invalid = await api.SendJsonAsync(HttpMethod.Patch, "/api/settings/documents/limits", new { maxContentCharacters = 0 }, admin);

            Assert.Equal(10, (await changed.JsonAsync()).GetProperty("maxContentCharacters").GetInt32());
            await tooLong.AssertProblemAsync(400, "bad_request:document");
            Assert.Contains("at most 10 characters", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
            await invalid.AssertProblemAsync(400, "bad_request:api");
        }
        finally
        {
            using var reset = await api.SendJsonAsync(HttpMethod.Patch, "/api/settings/documents/limits", new { maxContentCharacters = (int?)null }, admin);
        }

        var restored = await api.GetJsonAsync("/api/settings/documents/limits", admin);
        Assert.Equal(Grains.Interfaces.Documents.DocumentLimits.MaxContentLength, restored.GetProperty("maxContentCharacters").GetInt32());
    }

    private static async Task<string> EnsureGroupAsync(ApiClient api, string admin, string name)
    {
        using var created = await api.SendJsonAsync(HttpMethod.Post, "/api/admin/groups", new { name, description = "Settings tests" }, admin);
        if (created.StatusCode == HttpStatusCode.Created)
        {
            return (await created.JsonAsync()).GetProperty("id").GetString()!;
        }

        var groups = await api.GetJsonAsync("/api/admin/groups", admin);
        return groups.EnumerateArray().Single(group => group.GetProperty("name").GetString() == name).GetProperty("id").GetString()!;
    }
}
