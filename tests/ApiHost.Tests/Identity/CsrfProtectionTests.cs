using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cluster.ApiHost.Identity;

namespace Cluster.ApiHost.Tests.Identity;

[Collection(IdentityClusterCollection.Name)]
public sealed class CsrfProtectionTests(IdentityClusterFixture cluster)
{
    [Theory]
    [InlineData(null)]
    [InlineData("https://evil.example")]
    [InlineData("null")]
    public async Task CookiePost_NoOrForeignOrigin_IsRefusedAndTheSessionLives(string? origin)
    {
        using var api = cluster.Client();
        var tokens = await api.RegisterNewAsync();

        using var logout = await api.SendAsync(HttpMethod.Post, "/api/auth/logout", cookies: $"{AuthCookies.AccessToken}={tokens.AccessToken}", origin: origin);
        using var me = await api.GetAsync("/api/auth/me", bearer: tokens.AccessToken);

        Assert.Equal(HttpStatusCode.Forbidden, logout.StatusCode);
        Assert.Equal("forbidden:csrf", (await logout.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Theory]
    [InlineData("http://localhost:3001", null)]
    [InlineData(null, "http://localhost:3001/chat/1")]
    [InlineData("http://localhost", null)]
    public async Task CookiePost_AllowedOrOwnOriginOrReferer_Passes(string? origin, string? referer)
    {
        using var api = cluster.Client();
        var tokens = await api.RegisterNewAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
        request.Headers.Add("Cookie", $"{AuthCookies.AccessToken}={tokens.AccessToken}");
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (referer is not null)
        {
            request.Headers.Add("Referer", referer);
        }

        using var logout = await api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
    }

    [Fact]
    public async Task BearerPost_NoOrigin_Passes()
    {
        using var api = cluster.Client();
        var tokens = await api.RegisterNewAsync();

        using var logout = await api.SendAsync(HttpMethod.Post, "/api/auth/logout", bearer: tokens.AccessToken);

        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
    }
}
