using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Cluster.ApiHost.Tests.Channels;

/// <summary>A subscription to a channel's server-sent events, read event by event.</summary>
public sealed class ChannelEvents : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private ChannelEvents(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    /// <summary>Subscribes; the answer's status is checked by the caller through <see cref="Status"/>.</summary>
    public static async Task<ChannelEvents> OpenAsync(ApiClient api, string channel, string token, long? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/channels/{channel}/events");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var response = await api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        return new ChannelEvents(response, reader);
    }

    public HttpStatusCode Status => _response.StatusCode;

    public string? ContentType => _response.Content.Headers.ContentType?.MediaType;

    /// <summary>The next event (comments and the retry line skipped) within <paramref name="timeout"/> (10 s by default); null when the stream ended.</summary>
    public async Task<(string Type, string? Id, JsonElement Data)?> NextAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        string? type = null;
        string? id = null;
        while (await _reader.ReadLineAsync(deadline.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line["event: ".Length..];
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line["id: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && type is not null)
            {
                using var document = JsonDocument.Parse(line["data: ".Length..]);
                return (type, id, document.RootElement.Clone());
            }
        }

        return null;
    }

    /// <summary>The next <c>message</c> event's data, skipping other events.</summary>
    public async Task<JsonElement> NextMessageAsync(TimeSpan? timeout = null)
    {
        while (await NextAsync(timeout) is { } next)
        {
            if (next.Type == "message")
            {
                return next.Data;
            }
        }

        throw new InvalidOperationException("The event stream ended.");
    }

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
    }
}
