using System.Text.Json;
using Cluster.ApiHost.Tests.Chats;

namespace Cluster.ApiHost.Tests.Sockets;

/// <summary>Sending a message over <c>/web</c>: the answer, then the stream's parts pushed; stopping it from another connection.</summary>
[Collection(IdentityClusterCollection.Name)]
public sealed class PackageSocketChatTests(IdentityClusterFixture cluster)
{
    [Fact]
    public async Task SendMessage_AnswersWithTheStreamThenPushesEveryPartFromStartToFinish()
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();
        using var socket = await PackageSocket.ConnectAsync(cluster.First, $"?token={user.AccessToken}");
        var chatId = Guid.NewGuid().ToString();

        var requestId = await socket.SendAsync(4, Body(chatId, "/words 5 hello there"));
        var answer = await socket.ReceiveJsonAsync();
        var parts = await PushesUntilFinishAsync(socket, requestId);
        var stored = await api.GetJsonAsync($"/api/chat/{chatId}", user.AccessToken);

        Assert.Equal((4, requestId, 0), (answer.GetProperty("pkg_id").GetInt32(), answer.GetProperty("req_id").GetString(), answer.GetProperty("status_code").GetInt32()));
        var messageId = answer.GetProperty("data").GetProperty("message_id").GetString();
        Assert.Equal(chatId, answer.GetProperty("data").GetProperty("chat_id").GetString());
        Assert.Equal("start", Type(parts[0]));
        Assert.Equal(messageId, parts[0].GetProperty("messageId").GetString());
        Assert.Equal("finish", Type(parts[^1]));
        var text = string.Concat(parts.Where(part => Type(part) == "text-delta").Select(part => part.GetProperty("delta").GetString()));
        Assert.StartsWith("This is the local development model", text, StringComparison.Ordinal);
        Assert.Equal(messageId, stored.GetProperty("messages")[1].GetProperty("id").GetString());
        Assert.Equal(text, stored.GetProperty("messages")[1].GetProperty("parts").EnumerateArray().Single(part => Type(part) == "text").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Stop_FromAConnectionOnAnotherApiHost_EndsThePushedStreamAsStopped()
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();
        using var socket = await PackageSocket.ConnectAsync(cluster.First, $"?token={user.AccessToken}");
        using var other = await PackageSocket.ConnectAsync(cluster.Second, $"?token={user.AccessToken}");
        var chatId = Guid.NewGuid().ToString();

        var requestId = await socket.SendAsync(4, Body(chatId, "/words 300 a long story"));
        await socket.ReceiveJsonAsync();
        await Task.Delay(500);
        var stop = await other.AskAsync(5, new { chat_id = chatId });
        var parts = await PushesUntilFinishAsync(socket, requestId);

        Assert.True(stop.GetProperty("data").GetProperty("stopped").GetBoolean());
        Assert.Equal("stopped", parts[^1].GetProperty("messageMetadata").GetProperty("finishReason").GetString());
        Assert.True(parts.Count(part => Type(part) == "text-delta") < 300);
    }

    [Fact]
    public async Task SendMessage_ThatPostWouldRefuse_GetsTheSameReasonAsData()
    {
        using var api = cluster.Client();
        var owner = await api.RegisterNewAsync();
        var intruder = await api.RegisterNewAsync();
        var chatId = Guid.NewGuid().ToString();
        await api.ChatAsync(owner.AccessToken, ChatApi.Body(chatId, "/words 1 mine"));
        using var socket = await PackageSocket.ConnectAsync(cluster.First, $"?token={intruder.AccessToken}");

        var unknownModel = await socket.AskAsync(4, Body(Guid.NewGuid().ToString(), "hi", model: "no-such-model"));
        var badPart = await socket.AskAsync(4, new { id = chatId, message = new { id = "m1", role = "user", parts = new[] { new { type = "video" } } }, selectedChatModel = "chat-model" });
        var foreign = await socket.AskAsync(4, Body(chatId, "let me in"));
        var stopForeign = await socket.AskAsync(5, new { chat_id = chatId });

        Assert.Equal((2, "bad_request:api"), (unknownModel.GetProperty("status_code").GetInt32(), unknownModel.GetProperty("data").GetProperty("code").GetString()));
        Assert.Contains("GET /api/models", unknownModel.GetProperty("data").GetProperty("msg").GetString(), StringComparison.Ordinal);
        Assert.Contains("message.parts[0].type", badPart.GetProperty("data").GetProperty("msg").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, foreign.GetProperty("status_code").GetInt32());
        Assert.Equal(1, stopForeign.GetProperty("status_code").GetInt32());
    }

    private static object Body(string chatId, string text, string model = "chat-model") => new
    {
        id = chatId,
        message = new { id = Guid.NewGuid().ToString(), role = "user", parts = new[] { new { type = "text", text } } },
        selectedChatModel = model,
        selectedVisibilityType = "private",
    };

    // The pushed parts of request `requestId`, in order, up to and with the finish part.
    private static async Task<List<JsonElement>> PushesUntilFinishAsync(PackageSocket socket, string requestId)
    {
        var parts = new List<JsonElement>();
        while (parts.Count == 0 || Type(parts[^1]) != "finish")
        {
            var pushed = await socket.ReceiveJsonAsync();
            Assert.Equal((4, requestId, 0), (pushed.GetProperty("pkg_id").GetInt32(), pushed.GetProperty("req_id").GetString(), pushed.GetProperty("status_code").GetInt32()));
            Assert.Equal(JsonValueKind.Null, pushed.GetProperty("meta").ValueKind);
            parts.Add(pushed.GetProperty("data"));
        }

        return parts;
    }

    private static string? Type(JsonElement part) => part.GetProperty("type").GetString();
}
