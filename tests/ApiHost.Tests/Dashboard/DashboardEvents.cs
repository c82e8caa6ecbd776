using System.Net.Http.Headers;
using System.Text.Json;

namespace Cluster.ApiHost.Tests.Dashboard;

/// <summary>Reads a dashboard SSE stream as an operator until an event of one name satisfies a condition.</summary>
public static class DashboardEvents
{
    /// <summary>The first <paramref name="eventName"/> event's data that <paramref name="until"/> accepts; the stream is closed after it.</summary>
    public static async Task<T> FirstAsync<T>(ApiClient api, string bearer, string path, string eventName, Func<T, bool> until)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var name = string.Empty;
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && name == eventName
                && JsonSerializer.Deserialize<T>(line["data: ".Length..], JsonSerializerOptions.Web) is { } data && until(data))
            {
                return data;
            }
        }

        throw new InvalidOperationException($"The stream {path} ended before the {eventName} event looked for.");
    }
}
