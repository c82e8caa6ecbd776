using System.Net;
using System.Text.Json;

namespace Cluster.ApiHost.Tests.Chats;

/// <summary>The chat routes of the contract against two API hosts and two silos on PostgreSQL.</summary>
[Collection(IdentityClusterCollection.Name)]
public sealed class ChatEndpointTests(IdentityClusterFixture cluster)
{
    private static readonly Dictionary<string, string[]> ChunkKeys = new()
    {
        ["start"] = ["type", "messageId"],
        ["start-step"] = ["type"],
        ["text-start"] = ["type", "id"],
        ["text-delta"] = ["type", "id", "delta"],
        ["text-end"] = ["type", "id"],
        ["reasoning-start"] = ["type", "id"],
        ["reasoning-delta"] = ["type", "id", "delta"],
        ["reasoning-end"] = ["type", "id"],
        ["finish"] = ["type"],
    };

    [Fact]
    public async Task Post_NewChat_StreamsTheContractsChunksAndStoresTheAnswerUnderItsStartId()
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();
        var chatId = ChatApi.NewId();

        using var response = await api.PostAsync(user.AccessToken, ChatApi.Body(chatId, "Why is the sky blue?"));
        var body = await SseBody.ReadAsync(response);
        var stored = await api.GetJsonAsync($"/api/chat/{chatId}", user.AccessToken);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("v1", Assert.Single(response.Headers.GetValues("x-vercel-ai-ui-message-stream")));
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        AssertSequence(body, reasoning: false);
        var messages = stored.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["user", "assistant"], messages.Select(message => message.GetProperty("role").GetString()));
        Assert.Equal(body.Chunks[0].GetProperty("messageId").GetString(), messages[1].GetProperty("id").GetString());
        Assert.Equal(body.Text, messages[1].GetProperty("parts").EnumerateArray().Single(part => part.GetProperty("type").GetString() == "text").GetProperty("text").GetString());
        Assert.True(stored.GetProperty("isOwner").GetBoolean());
        Assert.Equal("private", stored.GetProperty("chat").GetProperty("visibility").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", stored.GetProperty("chat").GetProperty("createdAt").GetString());
        Assert.Equal("chat-model", stored.GetProperty("chat").GetProperty("lastContext").GetProperty("modelId").GetString());
    }

    [Fact]
    public async Task Post_ReasoningModel_StreamsReasoningBeforeTheText()
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();

        var body = await api.ChatAsync(user.AccessToken, ChatApi.Body(ChatApi.NewId(), "Think first", model: "chat-model-reasoning"));

        AssertSequence(body, reasoning: true);
    }

    [Fact]
    public async Task Post_SecondMessage_IsAnsweredWithTheConversationAndKeepsTheTitle()
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();
        var chatId = ChatApi.NewId();
        await api.ChatAsync(user.AccessToken, ChatApi.Body(chatId, "Plan a trip: to Lisbon"));

        await api.ChatAsync(user.AccessToken, ChatApi.Body(chatId, "And back?"));
        var stored = await api.GetJsonAsync($"/api/chat/{chatId}", user.AccessToken);

        Assert.Equal(4, stored.GetProperty("messages").GetArrayLength());
        Assert.Equal("Plan a trip to Lisbon", stored.GetProperty("chat").GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("""{"id":"not-a-uuid","message":{"id":"m","role":"user","parts":[{"type":"text","text":"hi"}]},"selectedChatModel":"chat-model"}""")]
    [InlineData("""{"id":"8a6e0804-2bd0-4672-b79d-d97027f9071a","message":{"id":"m","role":"assistant","parts":[{"type":"text","text":"hi"}]},"selectedChatModel":"chat-model"}""")]
    [InlineData("""{"id":"8a6e0804-2bd0-4672-b79d-d97027f9071a","message":{"id":"m","role":"user","parts":[]},"selectedChatModel":"chat-model"}""")]
    [InlineData("""{"id":"8a6e0804-2bd0-4672-b79d-d97027f9071a","message":{"id":"m","role":"user","parts":[{"type":"text","text":""}]},"selectedChatModel":"chat-model"}""")]
    [InlineData("""{"id":"8a6e0804-2bd0-4672-b79d-d97027f9071a","message":{"id":"m","role":"user","parts":[{"type":"file","mediaType":"application/pdf","name":"a.pdf","url":"/x"}]},"selectedChatModel":"chat-model"}""")]
    [InlineData("""{"id":"8a6e0804-2bd0-4672-b79d-d97027f9071a","message":{"id":"m","role":"user","parts":[{"type":"text","text":"hi"}]},"selectedChatModel":"no-such-model"}""")]
    [InlineData("""{"id":"8a6e0804-2bd0-4672-b79d-d97027f9071a","message":{"id":"m","role":"user","parts":[{"type":"text","text":"hi"}]},"selectedChatModel":"chat-model","selectedVisibilityType":"everyone"}""")]
    [InlineData("""{"id":"8a6e0804-2bd0-4672-b79d-d97027f9071a","message":""")]
    public async Task Post_InvalidBody_Is400BadRequestApi(string json)
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();

        using var response = await api.SendAsync(HttpMethod.Post, "/api/chat", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), user.AccessToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("bad_request:api", problem.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Post_TextAtTheLimitsAndAFilePart_IsAccepted()
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();
        var body = new
        {
            id = ChatApi.NewId(),
            message = new
            {
                id = ChatApi.NewId(),
                role = "user",
                parts = new object[] { new { type = "text", text = new string('é', 2000) }, new { type = "file", mediaType = "image/png", name = "a.png", url = "/api/files/x" } },
            },
            selectedChatModel = "chat-model",
        };

        var stream = await api.ChatAsync(user.AccessToken, body);

        Assert.True(stream.EndsWithDone);
    }

    [Fact]
    public async Task Post_Anonymous_Is401UnauthorizedChat()
    {
        using var api = cluster.Client();

        using var response = await api.SendJsonAsync(HttpMethod.Post, "/api/chat", ChatApi.Body(ChatApi.NewId(), "hi"), token: null);

        await response.AssertProblemAsync(401, "unauthorized:chat");
    }

    [Fact]
    public async Task Post_ToAnotherUsersChat_Is403ForbiddenChatAndStoresNothing()
    {
        using var api = cluster.Client();
        var owner = await api.RegisterNewAsync();
        var intruder = await api.RegisterNewAsync();
        var chatId = ChatApi.NewId();
        await api.ChatAsync(owner.AccessToken, ChatApi.Body(chatId, "mine"));

        using var response = await api.SendJsonAsync(HttpMethod.Post, "/api/chat", ChatApi.Body(chatId, "now mine"), intruder.AccessToken);
        var stored = await api.GetJsonAsync($"/api/chat/{chatId}", owner.AccessToken);

        await response.AssertProblemAsync(403, "forbidden:chat");
        Assert.Equal(2, stored.GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task Post_SameMessageIdInTwoChats_IsToleratedInBoth()
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();
        var messageId = ChatApi.NewId();

        var first = await api.ChatAsync(user.AccessToken, ChatApi.Body(ChatApi.NewId(), "one", messageId: messageId));
        var second = await api.ChatAsync(user.AccessToken, ChatApi.Body(ChatApi.NewId(), "two", messageId: messageId));

        Assert.True(first.EndsWithDone);
        Assert.True(second.EndsWithDone);
    }

    [Fact]
    public async Task Post_RestrictedModel_IsForbiddenUntilTheUserJoinsItsGroup()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var user = await api.RegisterNewAsync();
        var group = await EnsureRestrictedGroupAsync(api, admin);

        using var refused = await api.SendJsonAsync(HttpMethod.Post, "/api/chat", ChatApi.Body(ChatApi.NewId(), "hi", model: "restricted-model"), user.AccessToken);
        var listedBefore = await api.GetJsonAsync("/api/models", user.AccessToken);
        using var added = await api.SendAsync(HttpMethod.Post, $"/api/admin/groups/{group}/members/{user.User.Id}", bearer: admin);
        var accepted = await api.ChatAsync(user.AccessToken, ChatApi.Body(ChatApi.NewId(), "hi", model: "restricted-model"));
        var listedAfter = await api.GetJsonAsync("/api/models", user.AccessToken);

        await refused.AssertProblemAsync(403, "forbidden:chat");
        Assert.DoesNotContain("restricted-model", listedBefore.EnumerateArray().Select(model => model.GetProperty("id").GetString()));
        Assert.True(accepted.EndsWithDone);
        Assert.Contains("restricted-model", listedAfter.EnumerateArray().Select(model => model.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Post_OverTheDailyQuota_Is429RateLimitChat()
    {
        await using var host = cluster.CreateApiHost(new Dictionary<string, string?> { ["Chat:Quota:RegularMessages"] = "2" });
        using var api = new ApiClient(host.CreateClient());
        var user = await api.RegisterNewAsync();
        await api.ChatAsync(user.AccessToken, ChatApi.Body(ChatApi.NewId(), "one"));
        await api.ChatAsync(user.AccessToken, ChatApi.Body(ChatApi.NewId(), "two"));

        using var third = await api.SendJsonAsync(HttpMethod.Post, "/api/chat", ChatApi.Body(ChatApi.NewId(), "three"), user.AccessToken);

        await third.AssertProblemAsync(429, "rate_limit:chat");
        Assert.NotNull(third.Headers.RetryAfter);
    }

    [Fact]
    public async Task Models_ListsTheLocalDevelopmentModelsByName()
    {
        using var api = cluster.Client();

        var models = await api.GetJsonAsync("/api/models", token: null);

        var names = models.EnumerateArray().ToDictionary(model => model.GetProperty("id").GetString()!, model => model.GetProperty("name").GetString());
        Assert.Equal("Local development model", names["chat-model"]);
        Assert.Equal("Local development model (with reasoning)", names["chat-model-reasoning"]);
        Assert.All(models.EnumerateArray(), model => Assert.Equal(["id", "name", "description"], model.EnumerateObject().Select(property => property.Name)));
    }

    private async Task<string> EnsureRestrictedGroupAsync(ApiClient api, string admin)
    {
        using var created = await api.SendJsonAsync(HttpMethod.Post, "/api/admin/groups", new { name = IdentityClusterFixture.RestrictedModelGroup }, admin);
        var groups = await api.GetJsonAsync("/api/admin/groups", admin);
        return groups.EnumerateArray()
            .First(group => group.GetProperty("name").GetString() == IdentityClusterFixture.RestrictedModelGroup).GetProperty("id").GetString()!;
    }

    // start, start-step, [reasoning-start, reasoning-delta+, reasoning-end], text-start, text-delta+, text-end, finish, [DONE]; no extra keys.
    private static void AssertSequence(SseBody body, bool reasoning)
    {
        var types = body.Types;
        Assert.True(body.EndsWithDone);
        Assert.Equal(["start", "start-step"], types.Take(2));
        var rest = types.Skip(2).ToList();
        if (reasoning)
        {
            Assert.Equal("reasoning-start", rest[0]);
            var end = rest.IndexOf("reasoning-end");
            Assert.True(end > 1 && rest.Skip(1).Take(end - 1).All(type => type == "reasoning-delta"));
            rest = rest.Skip(end + 1).ToList();
        }

        Assert.Equal("text-start", rest[0]);
        Assert.Equal(["text-end", "finish"], rest.TakeLast(2));
        Assert.True(rest.Count > 3 && rest.Skip(1).SkipLast(2).All(type => type == "text-delta"));
        foreach (var chunk in body.Chunks)
        {
            var type = chunk.GetProperty("type").GetString()!;
            Assert.Equal(ChunkKeys[type], chunk.EnumerateObject().Select(property => property.Name));
        }
    }
}
