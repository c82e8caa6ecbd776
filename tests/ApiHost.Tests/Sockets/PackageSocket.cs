using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Cluster.ApiHost.Tests.Sockets;

/// <summary>A test client of the <c>/web</c> package protocol, over the API host's test server.</summary>
public sealed class PackageSocket(WebSocket socket) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public WebSocket Socket => socket;

    /// <summary>Connects with <paramref name="query"/> (such as <c>?token=…</c>), and <paramref name="origin"/> when given.</summary>
    public static async Task<PackageSocket> ConnectAsync(WebApplicationFactory<Program> host, string query, string? origin = null)
    {
        var client = host.Server.CreateWebSocketClient();
        if (origin is not null)
        {
            client.ConfigureRequest = request => request.Headers.Origin = origin;
        }

        return new PackageSocket(await client.ConnectAsync(new Uri(host.Server.BaseAddress, "/web" + query), CancellationToken.None));
    }

    /// <summary>The HTTP status the handshake was refused with.</summary>
    public static async Task<int> RefusedStatusAsync(WebApplicationFactory<Program> host, string query, string? origin = null)
    {
        var refused = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => ConnectAsync(host, query, origin));
        var status = refused.Message[(refused.Message.LastIndexOf(' ') + 1)..];
        return int.Parse(status, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string NewRequestId() => Guid.NewGuid().ToString();

    public Task SendTextAsync(string text) => socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task SendBinaryAsync(byte[] bytes) => socket.SendAsync(bytes, WebSocketMessageType.Binary, true, CancellationToken.None);

    /// <summary>Sends a request; returns its req_id.</summary>
    public async Task<string> SendAsync(int packageId, object? data, string? requestId = null)
    {
        requestId ??= NewRequestId();
        await SendTextAsync(JsonSerializer.Serialize(new Dictionary<string, object?> { ["pkg_id"] = packageId, ["req_id"] = requestId, ["data"] = data }));
        return requestId;
    }

    /// <summary>Sends a request and reads the next message, which must be its answer.</summary>
    public async Task<JsonElement> AskAsync(int packageId, object? data)
    {
        var requestId = await SendAsync(packageId, data);
        var answer = await ReceiveJsonAsync();
        Assert.Equal(requestId, answer.GetProperty("req_id").GetString());
        return answer;
    }

    public async Task<JsonElement> ReceiveJsonAsync()
    {
        var (type, bytes) = await ReceiveAsync();
        Assert.Equal(WebSocketMessageType.Text, type);
        using var document = JsonDocument.Parse(bytes);
        return document.RootElement.Clone();
    }

    public async Task<string> ReceiveTextAsync()
    {
        var (type, bytes) = await ReceiveAsync();
        Assert.Equal(WebSocketMessageType.Text, type);
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The next message; its type is Close when the server closed (see <see cref="WebSocket.CloseStatus"/>).</summary>
    public async Task<(WebSocketMessageType Type, byte[] Bytes)> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        using var message = new MemoryStream();
        var buffer = new byte[8192];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage || result.MessageType == WebSocketMessageType.Close)
            {
                return (result.MessageType, message.ToArray());
            }
        }
    }

    /// <summary>Reads until the server's close frame: its status and reason.</summary>
    public async Task<(int Status, string? Reason)> ReceiveCloseAsync()
    {
        while ((await ReceiveAsync()).Type != WebSocketMessageType.Close)
        {
        }

        return ((int)socket.CloseStatus!.Value, socket.CloseStatusDescription);
    }

    public void Dispose() => socket.Dispose();
}
