using System.Net;
using System.Text.Json;

namespace Cluster.ApiHost.Tests.Chats;

/// <summary>Reading, sharing, deleting and listing chats, and votes on their answers.</summary>
[Collection(IdentityClusterCollection.Name)]
public sealed class ChatManagementTests(IdentityClusterFixture cluster)
{
    [Fact]
    public async Task Get_PrivateChat_IsTheOwnersAloneAndPublicOnesAreAnyones()
    {
        using var api = cluster.Client();
        var owner = await api.RegisterNewAsync();
        var other = await api.RegisterNewAsync();
        var chatId = ChatApi.NewId();
        await api.ChatAsync(owner.AccessToken, ChatApi.Body(chatId, "secret"));

        using var foreign = await api.GetAsync($"/api/chat/{chatId}", bearer: other.AccessToken);
        using var anonymous = await api.GetAsync($"/api/chat/{chatId}");
        using var shared = await api.SendJsonAsync(HttpMethod.Patch, "/api/chat/visibility", new { chatId, visibility = "public" }, owner.AccessToken);
        var seenByOther = await api.GetJsonAsync($"/api/chat/{chatId}", other.AccessToken);
        var seenAnonymously = await api.GetJsonAsync($"/api/chat/{chatId}", token: null);
        using var missing = await api.GetAsync($"/api/chat/{ChatApi.NewId()}", bearer: owner.AccessToken);
        using var notAnId = await api.GetAsync("/api/chat/not-a-uuid", bearer: owner.AccessToken);

        await foreign.AssertProblemAsync(403, "forbidden:chat");
        await anonymous.AssertProblemAsync(403, "forbidden:chat");
        Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
        Assert.False(seenByOther.GetProperty("isOwner").GetBoolean());
        Assert.Equal("public", seenAnonymously.GetProperty("chat").GetProperty("visibility").GetString());
        await missing.AssertProblemAsync(404, "not_found:chat");
        await notAnId.AssertProblemAsync(404, "not_found:chat");
    }

    [Fact]
    public async Task Visibility_ByAnotherUserOrWithABadValue_IsRefused()
    {
        using var api = cluster.Client();
        var owner = await api.RegisterNewAsync();
        var other = await api.RegisterNewAsync();
        var chatId = ChatApi.NewId();
        await api.ChatAsync(owner.AccessToken, ChatApi.Body(chatId, "mine"));

        using var foreign = await api.SendJsonAsync(HttpMethod.Patch, "/api/chat/visibility", new { chatId, visibility = "public" }, other.AccessToken);
        using var bad = await api.SendJsonAsync(HttpMethod.Patch, "/api/chat/visibility", new { chatId, visibility = "world" }, owner.AccessToken);

        await foreign.AssertProblemAsync(403, "forbidden:chat");
        await bad.AssertProblemAsync(400, "bad_request:api");
    }

    [Fact]
    public async Task LatestMessages_ReturnsTheLastOnesInOrderWithinTheLimit()
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();
        var chatId = ChatApi.NewId();
        await api.ChatAsync(user.AccessToken, ChatApi.Body(chatId, "one"));
        await api.ChatAsync(user.AccessToken, ChatApi.Body(chatId, "two"));

        var latest = await api.GetJsonAsync($"/api/chat/{chatId}/messages/latest?limit=3", user.AccessToken);
        var single = await api.GetJsonAsync($"/api/chat/{chatId}/messages/latest", user.AccessToken);
        using var tooMany = await api.GetAsync($"/api/chat/{chatId}/messages/latest?limit=11", bearer: user.AccessToken);

        Assert.Equal(["assistant", "user", "assistant"], latest.GetProperty("messages").EnumerateArray().Select(message => message.GetProperty("role").GetString()));
        Assert.Equal("assistant", Assert.Single(single.GetProperty("messages").EnumerateArray()).GetProperty("role").GetString());
        await tooMany.AssertProblemAsync(400, "bad_request:api");
    }

    [Fact]
    public async Task Delete_OwnChat_ReturnsItAndRemovesItWithItsMessages()
    {
        using var api = cluster.Client();
        var owner = await api.RegisterNewAsync();
        var other = await api.RegisterNewAsync();
        var chatId = ChatApi.NewId();
        await api.ChatAsync(owner.AccessToken, ChatApi.Body(chatId, "to delete"));

        using var noId = await api.SendAsync(HttpMethod.Delete, "/api/chat", bearer: owner.AccessToken);
        using var foreign = await api.SendAsync(HttpMethod.Delete, $"/api/chat?id={chatId}", bearer: other.AccessToken);
        using var deleted = await api.SendAsync(HttpMethod.Delete, $"/api/chat?id={chatId}", bearer: owner.AccessToken);
        var deletedChat = await deleted.JsonAsync();
        using var again = await api.SendAsync(HttpMethod.Delete, $"/api/chat?id={chatId}", bearer: owner.AccessToken);
        using var read = await api.GetAsync($"/api/chat/{chatId}", bearer: owner.AccessToken);

        await noId.AssertProblemAsync(400, "bad_request:api");
        await foreign.AssertProblemAsync(403, "forbidden:chat");
        Assert.Equal(chatId, deletedChat.GetProperty("id").GetString());
        Assert.Equal(["id", "title", "createdAt", "visibility", "userId", "lastContext"], deletedChat.EnumerateObject().Select(property => property.Name));
        await again.AssertProblemAsync(404, "not_found:chat");
        await read.AssertProblemAsync(404, "not_found:chat");
    }

    [Fact]
    public async Task DeleteMessages_FromAMessage_RemovesItAndEveryLaterOne()
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();
        var other = await api.RegisterNewAsync();
        var chatId = ChatApi.NewId();
        var secondMessage = ChatApi.NewId();
        await api.ChatAsync(user.AccessToken, ChatApi.Body(chatId, "one"));
        await api.ChatAsync(user.AccessToken, ChatApi.Body(chatId, "two", messageId: secondMessage));

        using var foreign = await api.SendJsonAsync(HttpMethod.Delete, "/api/chat/messages", new { id = secondMessage, includeTrailing = true }, other.AccessToken);
        using var deleted = await api.SendJsonAsync(HttpMethod.Delete, "/api/chat/messages", new { id = secondMessage, includeTrailing = true }, user.AccessToken);
        var count = await deleted.JsonAsync();
        var stored = await api.GetJsonAsync($"/api/chat/{chatId}", user.AccessToken);
        using var unknown = await api.SendJsonAsync(HttpMethod.Delete, "/api/chat/messages", new { id = ChatApi.NewId(), includeTrailing = true }, user.AccessToken);

        await foreign.AssertProblemAsync(404, "not_found:message");
        Assert.Equal(2, count.GetProperty("deletedCount").GetInt32());
        Assert.Equal(2, stored.GetProperty("messages").GetArrayLength());
        await unknown.AssertProblemAsync(404, "not_found:message");
    }

    [Fact]
    public async Task History_PagesNewestFirstWithBothCursors()
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();
        var ids = new List<string>();
        for (var index = 0; index < 5; index++)
        {
            ids.Add(ChatApi.NewId());
            await api.ChatAsync(user.AccessToken, ChatApi.Body(ids[^1], $"chat {index}"));
        }

        var newest = ids.AsEnumerable().Reverse().ToList();
        var first = await api.GetJsonAsync("/api/history?limit=2", user.AccessToken);
        var older = await api.GetJsonAsync($"/api/history?limit=2&ending_before={newest[1]}", user.AccessToken);
        var last = await api.GetJsonAsync($"/api/history?limit=2&ending_before={newest[3]}", user.AccessToken);
        var newer = await api.GetJsonAsync($"/api/history?limit=10&starting_after={newest[2]}", user.AccessToken);

        Assert.Equal(newest[..2], Ids(first));
        Assert.True(first.GetProperty("hasMore").GetBoolean());
        Assert.Equal(newest[2..4], Ids(older));
        Assert.Equal(newest[4..], Ids(last));
        Assert.False(last.GetProperty("hasMore").GetBoolean());
        Assert.Equal(newest[..2], Ids(newer));
    }

    [Fact]
    public async Task History_BadQueries_AreRefusedSayingWhy()
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();
        var other = await api.RegisterNewAsync();
        var othersChat = ChatApi.NewId();
        await api.ChatAsync(other.AccessToken, ChatApi.Body(othersChat, "theirs"));

        using var both = await api.GetAsync($"/api/history?starting_after={othersChat}&ending_before={othersChat}", bearer: user.AccessToken);
        using var foreignCursor = await api.GetAsync($"/api/history?ending_before={othersChat}", bearer: user.AccessToken);
        using var badLimit = await api.GetAsync("/api/history?limit=0", bearer: user.AccessToken);
        using var anonymous = await api.GetAsync("/api/history");
        var bothBody = await both.JsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.Equal("Only one of starting_after or ending_before can be provided.", bothBody.GetProperty("cause").GetString());
        await foreignCursor.AssertProblemAsync(404, "not_found:chat");
        await badLimit.AssertProblemAsync(400, "bad_request:api");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task DeleteHistory_RemovesEveryChatOfTheCallerOnly()
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();
        var other = await api.RegisterNewAsync();
        await api.ChatAsync(user.AccessToken, ChatApi.Body(ChatApi.NewId(), "a"));
        await api.ChatAsync(user.AccessToken, ChatApi.Body(ChatApi.NewId(), "b"));
        await api.ChatAsync(other.AccessToken, ChatApi.Body(ChatApi.NewId(), "c"));

        using var deleted = await api.SendAsync(HttpMethod.Delete, "/api/history", bearer: user.AccessToken);
        var count = await deleted.JsonAsync();
        var mine = await api.GetJsonAsync("/api/history", user.AccessToken);
        var theirs = await api.GetJsonAsync("/api/history", other.AccessToken);

        Assert.Equal(2, count.GetProperty("deletedCount").GetInt32());
        Assert.Equal(0, mine.GetProperty("chats").GetArrayLength());
        Assert.Equal(1, theirs.GetProperty("chats").GetArrayLength());
    }

    [Fact]
    public async Task Vote_UpDownAndFeedback_AreUpsertedPerMessageForTheOwnerOnly()
    {
        using var api = cluster.Client();
        var owner = await api.RegisterNewAsync();
        var other = await api.RegisterNewAsync();
        var chatId = ChatApi.NewId();
        var answer = (await api.ChatAsync(owner.AccessToken, ChatApi.Body(chatId, "rate me"))).Chunks[0].GetProperty("messageId").GetString();

        using var up = await api.SendJsonAsync(HttpMethod.Patch, "/api/vote", new { chatId, messageId = answer, type = "up" }, owner.AccessToken);
        using var down = await api.SendJsonAsync(HttpMethod.Patch, "/api/vote", new { chatId, messageId = answer, type = "down" }, owner.AccessToken);
        using var feedback = await api.SendJsonAsync(HttpMethod.Patch, "/api/vote", new { chatId, messageId = answer, feedback = "too long \"really\" ✓" }, owner.AccessToken);
        var votes = await api.GetJsonAsync($"/api/vote?chatId={chatId}", owner.AccessToken);
        using var foreignRead = await api.GetAsync($"/api/vote?chatId={chatId}", bearer: other.AccessToken);
        using var foreignVote = await api.SendJsonAsync(HttpMethod.Patch, "/api/vote", new { chatId, messageId = answer, type = "up" }, other.AccessToken);
        using var badType = await api.SendJsonAsync(HttpMethod.Patch, "/api/vote", new { chatId, messageId = answer, type = "sideways" }, owner.AccessToken);
        using var nothing = await api.SendJsonAsync(HttpMethod.Patch, "/api/vote", new { chatId, messageId = answer }, owner.AccessToken);
        using var missingChat = await api.SendJsonAsync(HttpMethod.Patch, "/api/vote", new { chatId = ChatApi.NewId(), messageId = answer, type = "up" }, owner.AccessToken);
        using var missingMessage = await api.SendJsonAsync(HttpMethod.Patch, "/api/vote", new { chatId, messageId = ChatApi.NewId(), type = "up" }, owner.AccessToken);
        using var noChatId = await api.GetAsync("/api/vote", bearer: owner.AccessToken);

        Assert.Equal("voted", (await up.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, down.StatusCode);
        Assert.Equal("feedback_submitted", (await feedback.JsonAsync()).GetProperty("status").GetString());
        var vote = Assert.Single(votes.EnumerateArray());
        Assert.Equal(answer, vote.GetProperty("messageId").GetString());
        Assert.False(vote.GetProperty("isUpvoted").GetBoolean());
        Assert.Equal("too long \"really\" ✓", vote.GetProperty("feedback").GetString());
        await foreignRead.AssertProblemAsync(403, "forbidden:vote");
        await foreignVote.AssertProblemAsync(403, "forbidden:vote");
        await badType.AssertProblemAsync(400, "bad_request:api");
        await nothing.AssertProblemAsync(400, "bad_request:api");
        await missingChat.AssertProblemAsync(404, "not_found:vote");
        await missingMessage.AssertProblemAsync(404, "not_found:message");
        await noChatId.AssertProblemAsync(400, "bad_request:api");
    }

    private static List<string> Ids(JsonElement page) => [.. page.GetProperty("chats").EnumerateArray().Select(chat => chat.GetProperty("id").GetString()!)];
}
