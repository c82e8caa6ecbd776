using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Cluster.ApiHost.Tests.Sockets;

/// <summary>The <c>/web</c> limits across API hosts, the auth frame's timeout, the session's end, and the protobuf variant.</summary>
[Collection(IdentityClusterCollection.Name)]
public sealed class PackageSocketLimitTests(IdentityClusterFixture cluster)
{
    [Fact]
    public async Task Connections_OverThePerUserLimitAcrossApiHosts_AreClosedWith1008()
    {
        var limited = new Dictionary<string, string?> { ["WebSocket:MaxConnectionsPerUser"] = "2" };
        await using var first = cluster.CreateApiHost(limited);
        await using var second = cluster.CreateApiHost(limited);
        using var api = new ApiClient(first.CreateClient());
        var user = await api.RegisterNewAsync();
        var query = $"?token={user.AccessToken}";

        using var one = await PackageSocket.ConnectAsync(first, query);
        using var two = await PackageSocket.ConnectAsync(second, query);
        await one.AskAsync(1, null);
        await two.AskAsync(1, null);
        using var three = await PackageSocket.ConnectAsync(first, query);
        var refused = await three.ReceiveCloseAsync();
        await one.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        var served = await ServedAfterTheSlotFreesAsync(second, query);

        Assert.Equal((1008, "Maximum concurrent connections exceeded"), refused);
        Assert.Equal(0, served.GetProperty("status_code").GetInt32());
    }

    // The closed connection's host frees its slot just after the close handshake, so the first tries may come early.
    private static async Task<JsonElement> ServedAfterTheSlotFreesAsync(WebApplicationFactory<Program> host, string query)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var socket = await PackageSocket.ConnectAsync(host, query);
            var requestId = await socket.SendAsync(1, null);
            var (type, bytes) = await socket.ReceiveAsync();
            if (type == WebSocketMessageType.Text || attempt == 20)
            {
                Assert.Equal(WebSocketMessageType.Text, type);
                using var answer = JsonDocument.Parse(bytes);
                Assert.Equal(requestId, answer.RootElement.GetProperty("req_id").GetString());
                return answer.RootElement.Clone();
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Messages_OverThePerUserRateAcrossConnections_CloseWith1008()
    {
        var limited = new Dictionary<string, string?> { ["RateLimiting:Policies:websocket-messages:Limit"] = "6", ["RateLimiting:Policies:websocket-messages:LeaseSize"] = "1" };
        await using var host = cluster.CreateApiHost(limited);
        using var api = new ApiClient(host.CreateClient());
        var user = await api.RegisterNewAsync();
        using var one = await PackageSocket.ConnectAsync(host, $"?token={user.AccessToken}");
        using var two = await PackageSocket.ConnectAsync(host, $"?token={user.AccessToken}");

        for (var sent = 0; sent < 3; sent++)
        {
            Assert.Equal(0, (await one.AskAsync(1, null)).GetProperty("status_code").GetInt32());
            Assert.Equal(0, (await two.AskAsync(1, null)).GetProperty("status_code").GetInt32());
        }

        await one.SendAsync(1, null);

        Assert.Equal((1008, "Message rate limit exceeded"), await one.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Message_LargerThanTheLimit_ClosesWith1009()
    {
        await using var host = cluster.CreateApiHost(new Dictionary<string, string?> { ["WebSocket:MaxMessageBytes"] = "1024" });
        using var api = new ApiClient(host.CreateClient());
        var user = await api.RegisterNewAsync();
        using var socket = await PackageSocket.ConnectAsync(host, $"?token={user.AccessToken}");

        await socket.SendAsync(3, new { title = new string('x', 2000) });

        Assert.Equal(1009, (await socket.ReceiveCloseAsync()).Status);
    }

    [Fact]
    public async Task AuthFrame_NotSentInTime_ClosesWith4002()
    {
        await using var host = cluster.CreateApiHost(new Dictionary<string, string?> { ["WebSocket:AuthFrameTimeout"] = "00:00:01" });
        using var socket = await PackageSocket.ConnectAsync(host, string.Empty);

        Assert.Equal((4002, "Authentication timeout"), await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Logout_OnAnotherApiHost_ClosesTheConnectionWith1000()
    {
        var watched = new Dictionary<string, string?> { ["WebSocket:SessionCheckInterval"] = "00:00:00.200" };
        await using var host = cluster.CreateApiHost(watched);
        using var api = cluster.Client(second: true);
        var user = await api.RegisterNewAsync();
        using var socket = await PackageSocket.ConnectAsync(host, $"?token={user.AccessToken}");
        await socket.AskAsync(1, null);

        using var logout = await api.SendAsync(HttpMethod.Post, "/api/auth/logout", bearer: user.AccessToken);

        Assert.Equal((1000, "Session ended"), await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Protobuf_PaginatedList_AnswersABinaryResponseWithMetadata()
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();
        using var socket = await PackageSocket.ConnectAsync(cluster.First, $"?format=protobuf&token={user.AccessToken}");
        var requestId = Guid.NewGuid().ToString();

        await socket.SendBinaryAsync(Protobuf.Request(3, requestId, """{"title":"over protobuf"}"""));
        var created = Protobuf.Fields(await BinaryAsync(socket));
        await socket.SendBinaryAsync(Protobuf.Request(2, requestId, """{"page":1,"per_page":5}"""));
        var page = Protobuf.Fields(await BinaryAsync(socket));
        await socket.SendBinaryAsync(Protobuf.Request(999, requestId, string.Empty));
        var unknown = Protobuf.Fields(await BinaryAsync(socket));

        Assert.Equal(3UL, created[1]);
        Assert.False(created.ContainsKey(3));
        Assert.Equal(requestId, Encoding.UTF8.GetString((byte[])page[2]));
        using var data = JsonDocument.Parse((byte[])page[4]);
        Assert.Equal("over protobuf", data.RootElement[0].GetProperty("title").GetString());
        var meta = Protobuf.Fields((byte[])page[5]);
        Assert.Equal((1UL, 5UL, 1UL, 1UL), ((ulong)meta[1], (ulong)meta[2], (ulong)meta[3], (ulong)meta[4]));
        Assert.Equal(1UL, unknown[3]);
    }

    [Fact]
    public async Task Protobuf_MalformedMessagesAndTextFrames_CloseWith1003AndBadDataIsStatus2()
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();
        var query = $"?format=protobuf&token={user.AccessToken}";
        using var truncated = await PackageSocket.ConnectAsync(cluster.First, query);
        using var text = await PackageSocket.ConnectAsync(cluster.First, query);
        using var badData = await PackageSocket.ConnectAsync(cluster.First, query);
        var requestId = Guid.NewGuid().ToString();

        await truncated.SendBinaryAsync([0x12, 0x50, 0x41]);
        await text.SendAsync(1, null);
        await badData.SendBinaryAsync(Protobuf.Request(1, requestId, "{not json"));
        var answer = Protobuf.Fields(await BinaryAsync(badData));

        Assert.Equal(1003, (await truncated.ReceiveCloseAsync()).Status);
        Assert.Equal(1003, (await text.ReceiveCloseAsync()).Status);
        Assert.Equal(2UL, answer[3]);
        Assert.Equal(requestId, Encoding.UTF8.GetString((byte[])answer[2]));
    }

    [Fact]
    public async Task Connect_WithARevokedToken_IsRefusedWith401()
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();
        using var logout = await api.SendAsync(HttpMethod.Post, "/api/auth/logout", bearer: user.AccessToken);

        var status = await PackageSocket.RefusedStatusAsync(cluster.Second, $"?token={user.AccessToken}");

        Assert.Equal(401, status);
    }

    private static async Task<byte[]> BinaryAsync(PackageSocket socket)
    {
        var (type, bytes) = await socket.ReceiveAsync();
        Assert.Equal(WebSocketMessageType.Binary, type);
        return bytes;
    }

    /// <summary>Just enough protobuf for the test, written apart from the host's codec.</summary>
    private static class Protobuf
    {
        public static byte[] Request(int packageId, string requestId, string dataJson)
        {
            var bytes = new List<byte>();
            bytes.Add(1 << 3);
            Varint(bytes, (ulong)packageId);
            Bytes(bytes, 2, Encoding.UTF8.GetBytes(requestId));
            Bytes(bytes, 3, "GET"u8.ToArray());
            Bytes(bytes, 4, Encoding.UTF8.GetBytes(dataJson));
            return [.. bytes];
        }

        // Field number → value: ulong for varints, byte[] for length-delimited fields.
        public static Dictionary<int, object> Fields(byte[] message)
        {
            var fields = new Dictionary<int, object>();
            var position = 0;
            while (position < message.Length)
            {
                var tag = ReadVarint(message, ref position);
                if ((tag & 7) == 0)
                {
                    fields[(int)(tag >> 3)] = ReadVarint(message, ref position);
                }
                else
                {
                    var length = (int)ReadVarint(message, ref position);
                    fields[(int)(tag >> 3)] = message[position..(position + length)];
                    position += length;
                }
            }

            return fields;
        }

        private static void Bytes(List<byte> bytes, int field, byte[] value)
        {
            bytes.Add((byte)((field << 3) | 2));
            Varint(bytes, (ulong)value.Length);
            bytes.AddRange(value);
        }

        private static void Varint(List<byte> bytes, ulong value)
        {
            for (; value >= 0x80; value >>= 7)
            {
                bytes.Add((byte)(value | 0x80));
            }

            bytes.Add((byte)value);
        }

        private static ulong ReadVarint(byte[] message, ref int position)
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var next = message[position++];
                value |= (ulong)(next & 0x7F) << shift;
                if (next < 0x80)
                {
                    return value;
                }
            }
        }
    }
}
