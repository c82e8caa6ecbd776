using System.Text.Json;

namespace Cluster.ApiHost.Tests.Sockets;

/// <summary>The <c>/web</c> handshake, the auth frame, the envelope and its errors, and the chat list packages.</summary>
[Collection(IdentityClusterCollection.Name)]
public sealed class PackageSocketTests(IdentityClusterFixture cluster)
{
    [Theory]
    [InlineData("?token=not-a-jwt")]
    [InlineData("?Authorization=Basic%20dXNlcjpwdw==")]
    [InlineData("?Authorization=Bearer%20")]
    public async Task Connect_WithABadTokenInTheUrl_IsRefusedWith401(string query)
    {
        var status = await PackageSocket.RefusedStatusAsync(cluster.First, query);

        Assert.Equal(401, status);
    }

    [Fact]
    public async Task AuthFrame_WithABadToken_ClosesWith4001()
    {
        using var socket = await PackageSocket.ConnectAsync(cluster.First, string.Empty);

        await socket.SendTextAsync("""{"type":"auth","token":"Bearer nonsense"}""");

        Assert.Equal((4001, "Authentication failed"), await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Connect_FromAnOriginNotAllowed_IsRefusedWith403AndAnAllowedOneIsServed()
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();

        var status = await PackageSocket.RefusedStatusAsync(cluster.First, $"?token={user.AccessToken}", origin: "https://evil.example");
        using var allowed = await PackageSocket.ConnectAsync(cluster.First, $"?token={user.AccessToken}", origin: "http://localhost:3001");
        var answer = await allowed.AskAsync(1, null);

        Assert.Equal(403, status);
        Assert.Equal(0, answer.GetProperty("status_code").GetInt32());
    }

    [Fact]
    public async Task AuthFrame_WithAValidToken_IsAnsweredAuthOkAndTheConnectionServes()
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();
        using var socket = await PackageSocket.ConnectAsync(cluster.First, string.Empty);

        await socket.SendTextAsync($$"""{"type":"auth","token":"bearer {{user.AccessToken}}"}""");
        var ok = await socket.ReceiveTextAsync();
        var answer = await socket.AskAsync(1, null);

        Assert.Equal("""{"type":"auth_ok"}""", ok);
        Assert.Equal(0, answer.GetProperty("status_code").GetInt32());
    }

    [Fact]
    public async Task QueryToken_FirstAnswer_IsTheAnswerToTheFirstRequestAndNeverAuthOk()
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();
        using var socket = await PackageSocket.ConnectAsync(cluster.First, $"?Authorization=BEARER%20{user.AccessToken}");

        var answer = await socket.AskAsync(2, new { page = 1, per_page = 5 });

        Assert.Equal(2, answer.GetProperty("pkg_id").GetInt32());
        Assert.Equal(0, answer.GetProperty("status_code").GetInt32());
    }

    [Fact]
    public async Task Answers_KeepTheContractsKeyOrderAndEchoTheRequestIdInLowercase()
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();
        using var socket = await PackageSocket.ConnectAsync(cluster.First, $"?token={user.AccessToken}");
        var requestId = Guid.NewGuid().ToString().ToUpperInvariant();

        await socket.SendAsync(1, null, requestId);
        var raw = await socket.ReceiveTextAsync();

        Assert.StartsWith($$"""{"pkg_id":1,"req_id":"{{requestId.ToLowerInvariant()}}","status_code":0,"meta":null,"data":[""", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_ThatFailTheirChecks_GetTheStatusOfTheFirstFailedCheck()
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();
        using var socket = await PackageSocket.ConnectAsync(cluster.First, $"?token={user.AccessToken}");

        var unknown = await socket.AskAsync(999, null);
        var denied = await socket.AskAsync(100, new { limit = 100_000 });
        var invalid = await socket.AskAsync(2, new { page = 0, per_page = 5000 });
        var notAnObject = await socket.AskAsync(1, "a string");
        var foreignFilter = await socket.AskAsync(2, new { filters = new { visibility = "public" } });

        Assert.Equal((1, "No handler found for pkg_id 999"), (unknown.GetProperty("status_code").GetInt32(), Message(unknown)));
        Assert.Equal((3, "No permission for pkg_id 100"), (denied.GetProperty("status_code").GetInt32(), Message(denied)));
        Assert.Equal(2, invalid.GetProperty("status_code").GetInt32());
        Assert.Equal("invalid_data", invalid.GetProperty("data").GetProperty("code").GetString());
        Assert.Equal(["#/page", "#/per_page"], invalid.GetProperty("data").GetProperty("details").EnumerateArray().Select(error => error.GetProperty("path").GetString()).Order());
        Assert.Equal((2, "invalid_envelope"), (notAnObject.GetProperty("status_code").GetInt32(), notAnObject.GetProperty("data").GetProperty("code").GetString()));
        Assert.Equal(2, foreignFilter.GetProperty("status_code").GetInt32());
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1, 2]")]
    [InlineData("""{"pkg_id": "two", "req_id": "8d8a3c2e-5f7d-4a8e-9b7c-2f6e1d0c9b8a"}""")]
    [InlineData("""{"pkg_id": 2, "req_id": "42"}""")]
    public async Task Envelope_WhoseIdsCannotBeRead_ClosesWith1003AndAReason(string message)
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();
        using var socket = await PackageSocket.ConnectAsync(cluster.First, $"?token={user.AccessToken}");

        await socket.SendTextAsync(message);
        var (status, reason) = await socket.ReceiveCloseAsync();

        Assert.Equal(1003, status);
        Assert.False(string.IsNullOrWhiteSpace(reason));
    }

    [Fact]
    public async Task Requests_SentBeforeAnyAnswerIsRead_AreAnsweredInTheirOrder()
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();
        using var socket = await PackageSocket.ConnectAsync(cluster.First, $"?token={user.AccessToken}");

        var sent = new List<string>();
        for (var request = 0; request < 20; request++)
        {
            sent.Add(await socket.SendAsync(request % 3 == 0 ? 999 : 1 + (request % 2), null));
        }

        var answered = new List<string>();
        for (var answer = 0; answer < sent.Count; answer++)
        {
            answered.Add((await socket.ReceiveJsonAsync()).GetProperty("req_id").GetString()!);
        }

        Assert.Equal(sent, answered);
    }

    [Fact]
    public async Task Strings_ThatAreNotUnicode_AreRefusedWithoutEndingTheConnection()
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();
        using var socket = await PackageSocket.ConnectAsync(cluster.First, $"?token={user.AccessToken}");
        using var framed = await PackageSocket.ConnectAsync(cluster.First, string.Empty);
        var requestId = PackageSocket.NewRequestId();

        await socket.SendTextAsync($$$"""{"pkg_id": 3, "req_id": "{{{requestId}}}", "data": {"title": "\ud800"} }""");
        var refused = await socket.ReceiveJsonAsync();
        var served = await socket.AskAsync(1, null);
        await framed.SendTextAsync("""{"type": "auth", "token": "Bearer \udfff"}""");

        Assert.Equal((2, "invalid_envelope"), (refused.GetProperty("status_code").GetInt32(), refused.GetProperty("data").GetProperty("code").GetString()));
        Assert.Equal(0, served.GetProperty("status_code").GetInt32());
        Assert.Equal((4001, "Authentication failed"), await framed.ReceiveCloseAsync());
    }

    [Fact]
    public async Task AdminPackage_ForAnAdministrator_SearchesAccounts()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var email = ApiClient.NewEmail("socket-search");
        await api.RegisterNewAsync(email);
        using var socket = await PackageSocket.ConnectAsync(cluster.First, $"?token={admin}");

        var answer = await socket.AskAsync(100, new { query = email[..20], limit = 10 });

        Assert.Equal(0, answer.GetProperty("status_code").GetInt32());
        Assert.Equal([email], answer.GetProperty("data").GetProperty("users").EnumerateArray().Select(user => user.GetProperty("email").GetString()));
    }

    [Fact]
    public async Task ChatPackages_CreateListAndPage_ByNumberAndByCursorOnAnotherApiHost()
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();
        using var socket = await PackageSocket.ConnectAsync(cluster.First, $"?token={user.AccessToken}");
        using var other = await PackageSocket.ConnectAsync(cluster.Second, $"?token={user.AccessToken}");
        var ids = new List<string>();
        foreach (var title in (string[])["first", "second", "third"])
        {
            var created = await socket.AskAsync(3, new { title, visibility = "public" });
            ids.Add(created.GetProperty("data").GetProperty("id").GetString()!);
            await Task.Delay(5);
        }

        var listed = await other.AskAsync(1, new { limit = 10 });
        var numbered = await other.AskAsync(2, new { page = 2, per_page = 2 });
        var firstByCursor = await other.AskAsync(2, new { per_page = 2, cursor = (string?)null });
        var secondByCursor = await other.AskAsync(2, new { per_page = 2, cursor = firstByCursor.GetProperty("meta").GetProperty("next_cursor").GetString() });

        Assert.Equal(["third", "second", "first"], Titles(listed));
        Assert.Equal(["first"], Titles(numbered));
        var meta = numbered.GetProperty("meta");
        Assert.Equal((2, 2, 3, 2, false), (meta.GetProperty("page").GetInt32(), meta.GetProperty("per_page").GetInt32(), meta.GetProperty("total").GetInt32(), meta.GetProperty("pages").GetInt32(), meta.GetProperty("has_more").GetBoolean()));
        Assert.Equal(["third", "second"], Titles(firstByCursor));
        Assert.True(firstByCursor.GetProperty("meta").GetProperty("has_more").GetBoolean());
        Assert.Equal(["first"], Titles(secondByCursor));
        Assert.Equal(JsonValueKind.Null, secondByCursor.GetProperty("meta").GetProperty("next_cursor").ValueKind);
        Assert.Equal("public", listed.GetProperty("data")[0].GetProperty("visibility").GetString());
    }

    [Fact]
    public async Task CreateChat_WithAnotherUsersChatId_IsAConflict()
    {
        using var api = cluster.Client();
        var owner = await api.RegisterNewAsync();
        var intruder = await api.RegisterNewAsync();
        var chatId = Guid.NewGuid().ToString();
        using var ownerSocket = await PackageSocket.ConnectAsync(cluster.First, $"?token={owner.AccessToken}");
        using var intruderSocket = await PackageSocket.ConnectAsync(cluster.First, $"?token={intruder.AccessToken}");

        var created = await ownerSocket.AskAsync(3, new { id = chatId });
        var again = await ownerSocket.AskAsync(3, new { id = chatId });
        var taken = await intruderSocket.AskAsync(3, new { id = chatId });

        Assert.Equal(0, created.GetProperty("status_code").GetInt32());
        Assert.Equal(created.GetProperty("data").GetRawText(), again.GetProperty("data").GetRawText());
        Assert.Equal((2, "conflict:chat"), (taken.GetProperty("status_code").GetInt32(), taken.GetProperty("data").GetProperty("code").GetString()));
    }

    private static string? Message(JsonElement answer) => answer.GetProperty("data").GetProperty("msg").GetString();

    private static IEnumerable<string?> Titles(JsonElement answer) =>
        answer.GetProperty("data").EnumerateArray().Select(chat => chat.GetProperty("title").GetString());
}
