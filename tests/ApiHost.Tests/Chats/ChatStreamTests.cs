using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.ApiHost.Tests.Chats;

/// <summary>Streams that outlive their request: resumed on another API host, stopped from one, read after a disconnect.</summary>
[Collection(IdentityClusterCollection.Name)]
public sealed class ChatStreamTests(IdentityClusterFixture cluster)
{
    // 300 words at 100 a second: three seconds to resume, stop or leave it in.
    private const string LongQuestion = "/words 300 tell me a long story";

    [Fact]
    public async Task Resume_WhileRunningOnAnotherApiHost_ReplaysEveryByteFromTheStartThenTheLiveTail()
    {
        using var first = cluster.Client();
        using var second = cluster.Client(second: true);
        var user = await first.RegisterNewAsync();
        var chatId = ChatApi.NewId();

        using var posted = await first.PostAsync(user.AccessToken, ChatApi.Body(chatId, LongQuestion));
        var postReading = SseBody.ReadAsync(posted);
        await Task.Delay(500);
        using var resumed = await second.ResumeAsync(user.AccessToken, chatId);
        var resumedBody = await SseBody.ReadAsync(resumed);
        var postedBody = await postReading;

        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.True(postedBody.EndsWithDone);
        Assert.Equal(postedBody.Raw, resumedBody.Raw);
        Assert.True(postedBody.Data.Count > 300);
    }

    [Fact]
    public async Task Resume_AfterTheClientLeftMidStream_GetsTheWholeAnswerWhichTheChatStores()
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();
        var chatId = ChatApi.NewId();

        using (var posted = await api.PostAsync(user.AccessToken, ChatApi.Body(chatId, LongQuestion)))
        {
            await SseBody.ReadAsync(posted, stopAfterEvents: 10);
        }

        using var resumed = await api.ResumeAsync(user.AccessToken, chatId);
        var body = await SseBody.ReadAsync(resumed);
        var stored = await api.GetJsonAsync($"/api/chat/{chatId}", user.AccessToken);

        Assert.True(body.EndsWithDone);
        Assert.Equal("finish", body.Types[^1]);
        var answer = stored.GetProperty("messages")[1];
        Assert.Equal(body.Chunks[0].GetProperty("messageId").GetString(), answer.GetProperty("id").GetString());
        Assert.Equal(body.Text, TextOf(answer));
    }

    [Fact]
    public async Task Resume_WithinFifteenSecondsOfTheEnd_AppendsTheStoredAnswer()
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();
        var chatId = ChatApi.NewId();
        var posted = await api.ChatAsync(user.AccessToken, ChatApi.Body(chatId, "short"));

        using var resumed = await api.ResumeAsync(user.AccessToken, chatId);
        var body = await SseBody.ReadAsync(resumed);

        var chunk = Assert.Single(body.Chunks);
        Assert.Equal(["type", "data", "transient"], chunk.EnumerateObject().Select(property => property.Name));
        Assert.Equal("data-appendMessage", chunk.GetProperty("type").GetString());
        Assert.True(chunk.GetProperty("transient").GetBoolean());
        using var message = JsonDocument.Parse(chunk.GetProperty("data").GetString()!);
        Assert.Equal(posted.Chunks[0].GetProperty("messageId").GetString(), message.RootElement.GetProperty("id").GetString());
        Assert.Equal("assistant", message.RootElement.GetProperty("role").GetString());
        Assert.Equal(posted.Text, TextOf(message.RootElement));
        Assert.True(message.RootElement.GetProperty("metadata").TryGetProperty("createdAt", out _));
        Assert.False(body.EndsWithDone);
    }

    [Fact]
    public async Task Resume_LongAfterTheEnd_IsAnEmpty200()
    {
        await using var later = cluster.CreateApiHost().WithWebHostBuilder(builder =>
            builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(new OffsetClock(TimeSpan.FromSeconds(30)))));
        using var api = cluster.Client();
        using var laterApi = new ApiClient(later.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false }));
        var user = await api.RegisterNewAsync();
        var chatId = ChatApi.NewId();
        await api.ChatAsync(user.AccessToken, ChatApi.Body(chatId, "short"));

        using var resumed = await laterApi.ResumeAsync(user.AccessToken, chatId);

        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.Equal(string.Empty, await resumed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Resume_PrivateChatOfAnotherUserOrAnonymous_IsRefused()
    {
        using var api = cluster.Client();
        var owner = await api.RegisterNewAsync();
        var other = await api.RegisterNewAsync();
        var chatId = ChatApi.NewId();
        await api.ChatAsync(owner.AccessToken, ChatApi.Body(chatId, "private"));

        using var foreign = await api.ResumeAsync(other.AccessToken, chatId);
        using var anonymous = await api.GetAsync($"/api/chat/{chatId}/stream");
        using var missing = await api.ResumeAsync(owner.AccessToken, ChatApi.NewId());

        await foreign.AssertProblemAsync(403, "forbidden:chat");
        await anonymous.AssertProblemAsync(401, "unauthorized:chat");
        await missing.AssertProblemAsync(404, "not_found:chat");
    }

    [Fact]
    public async Task Stop_FromAnotherApiHost_EndsTheStreamEverywhereAndKeepsThePartialAnswerMarkedStopped()
    {
        using var first = cluster.Client();
        using var second = cluster.Client(second: true);
        var user = await first.RegisterNewAsync();
        var chatId = ChatApi.NewId();

        using var posted = await first.PostAsync(user.AccessToken, ChatApi.Body(chatId, LongQuestion));
        var reading = SseBody.ReadAsync(posted);
        await Task.Delay(500);
        using var stop = await second.SendAsync(HttpMethod.Post, $"/api/chat/{chatId}/stop", bearer: user.AccessToken);
        var stopped = await stop.JsonAsync();
        var body = await reading;
        using var resumed = await second.ResumeAsync(user.AccessToken, chatId);
        var stored = await first.GetJsonAsync($"/api/chat/{chatId}", user.AccessToken);

        Assert.True(stopped.GetProperty("stopped").GetBoolean());
        Assert.True(body.EndsWithDone);
        Assert.Equal(["text-end", "finish"], body.Types.TakeLast(2));
        Assert.Equal("stopped", body.Chunks[^1].GetProperty("messageMetadata").GetProperty("finishReason").GetString());
        Assert.True(body.Data.Count < 300);
        Assert.Equal(body.Text, TextOf(stored.GetProperty("messages")[1]));
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
    }

    [Fact]
    public async Task Stop_ByAnotherUser_IsForbiddenAndTheAnswerGoesOn()
    {
        using var api = cluster.Client();
        var owner = await api.RegisterNewAsync();
        var other = await api.RegisterNewAsync();
        var chatId = ChatApi.NewId();

        using var posted = await api.PostAsync(owner.AccessToken, ChatApi.Body(chatId, "/words 100 go"));
        var reading = SseBody.ReadAsync(posted);
        using var stop = await api.SendAsync(HttpMethod.Post, $"/api/chat/{chatId}/stop", bearer: other.AccessToken);
        var body = await reading;

        await stop.AssertProblemAsync(403, "forbidden:chat");
        Assert.Equal("finish", body.Types[^1]);
        Assert.False(body.Chunks[^1].TryGetProperty("messageMetadata", out _));
    }

    private static string TextOf(JsonElement message) =>
        message.GetProperty("parts").EnumerateArray().Single(part => part.GetProperty("type").GetString() == "text").GetProperty("text").GetString()!;
}
