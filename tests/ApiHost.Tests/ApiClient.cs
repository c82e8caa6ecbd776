using System.Net.Http.Headers;
using System.Net.Http.Json;
using Cluster.ApiHost.Auth;
using Cluster.ApiHost.Groups;

namespace Cluster.ApiHost.Tests;

/// <summary>An HTTP client of an API host with the identity routes' common steps.</summary>
public sealed class ApiClient(HttpClient http) : IDisposable
{
    /// <summary>A password that passes the default policy.</summary>
    public const string Password = "correct horse battery staple";

    public HttpClient Http => http;

    public static string NewEmail(string prefix = "user") => $"{prefix}.{Guid.NewGuid():N}@example.com";

    public Task<HttpResponseMessage> RegisterAsync(string email, string password = Password, string? bearer = null) =>
        SendAsync(HttpMethod.Post, "/api/auth/register", JsonContent.Create(new { email, password }), bearer);

    /// <summary>Registers a fresh account and returns its tokens.</summary>
    public async Task<TokenResponse> RegisterNewAsync(string? email = null)
    {
        using var response = await RegisterAsync(email ?? NewEmail());
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
    }

    /// <summary>Creates a group of a fresh name as the administrator <paramref name="admin"/>.</summary>
    public async Task<GroupResponse> CreateGroupAsync(string admin)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/admin/groups", JsonContent.Create(new GroupRequest($"Group {Guid.NewGuid():N}", "For tests")), admin);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<GroupResponse>())!;
    }

    public Task<HttpResponseMessage> LoginAsync(string email, string password = Password) =>
        SendAsync(HttpMethod.Post, "/api/auth/login", JsonContent.Create(new { email, password }));

    public Task<HttpResponseMessage> GetAsync(string path, string? bearer = null, string? cookies = null) =>
        SendAsync(HttpMethod.Get, path, content: null, bearer, cookies);

    public async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, HttpContent? content = null, string? bearer = null, string? cookies = null, string? origin = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (cookies is not null)
        {
            request.Headers.Add("Cookie", cookies);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await http.SendAsync(request);
    }

    /// <summary>The response's Set-Cookie headers by cookie name.</summary>
    public static Dictionary<string, string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.ToDictionary(value => value[..value.IndexOf('=', StringComparison.Ordinal)], StringComparer.Ordinal)
            : [];

    /// <summary>The value a Set-Cookie header sets.</summary>
    public static string CookieValue(string setCookie)
    {
        var start = setCookie.IndexOf('=', StringComparison.Ordinal) + 1;
        var end = setCookie.IndexOf(';', start);
        return end < 0 ? setCookie[start..] : setCookie[start..end];
    }

    public void Dispose() => http.Dispose();
}
