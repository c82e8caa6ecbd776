using System.Net;
using System.Net.Http.Json;
using Cluster.ApiHost.Auth;
using Cluster.ApiHost.Identity;

namespace Cluster.ApiHost.Tests.Identity;

[Collection(IdentityClusterCollection.Name)]
public sealed class GuestEndpointTests(IdentityClusterFixture cluster)
{
    [Fact]
    public async Task Guest_NoCookie_CreatesAGuestWithTheContractsEmail()
    {
        using var api = cluster.Client();

        using var response = await api.SendAsync(HttpMethod.Post, "/api/auth/guest");
        var tokens = await response.Content.ReadFromJsonAsync<TokenResponse>();
        var cookies = ApiClient.SetCookies(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("guest", tokens!.User.Type);
        Assert.Matches(@"^guest-\d+@anonymous\.local$", tokens.User.Email);
        Assert.Equal(tokens.RefreshToken, ApiClient.CookieValue(cookies[AuthCookies.GuestSession]));
        Assert.True(cookies.ContainsKey(AuthCookies.AccessToken));
    }

    [Fact]
    public async Task Guest_WithItsGuestCookie_StaysTheSameGuest()
    {
        using var api = cluster.Client();
        var first = await GuestAsync(api);

        using var again = await api.SendAsync(HttpMethod.Post, "/api/auth/guest", cookies: $"{AuthCookies.GuestSession}={first.RefreshToken}", origin: "http://localhost");
        var second = await again.Content.ReadFromJsonAsync<TokenResponse>();

        Assert.Equal(first.User.Id, second!.User.Id);
    }

    [Fact]
    public async Task GuestReset_EndsTheGuestSessionAndClearsCookies()
    {
        using var api = cluster.Client();
        var guest = await GuestAsync(api);

        using var reset = await api.SendAsync(HttpMethod.Post, "/api/auth/guest/reset", bearer: guest.AccessToken);
        using var me = await api.GetAsync("/api/auth/me", bearer: guest.AccessToken);
        using var next = await api.SendAsync(HttpMethod.Post, "/api/auth/guest", cookies: $"{AuthCookies.GuestSession}={guest.RefreshToken}", origin: "http://localhost");

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.True((await reset.Content.ReadFromJsonAsync<SuccessResponse>())!.Success);
        Assert.StartsWith($"{AuthCookies.GuestSession}=;", ApiClient.SetCookies(reset)[AuthCookies.GuestSession], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.NotEqual(guest.User.Id, (await next.Content.ReadFromJsonAsync<TokenResponse>())!.User.Id);
    }

    [Fact]
    public async Task Register_SignedInAsGuest_UpgradesTheGuestInPlace()
    {
        using var api = cluster.Client();
        var guest = await GuestAsync(api);
        var email = ApiClient.NewEmail();

        using var response = await api.RegisterAsync(email, bearer: guest.AccessToken);
        var registered = await response.Content.ReadFromJsonAsync<TokenResponse>();
        using var oldToken = await api.GetAsync("/api/auth/me", bearer: guest.AccessToken);
        using var login = await api.LoginAsync(email);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((guest.User.Id, "regular", email), (registered!.User.Id, registered.User.Type, registered.User.Email));
        Assert.StartsWith($"{AuthCookies.GuestSession}=;", ApiClient.SetCookies(response)[AuthCookies.GuestSession], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, oldToken.StatusCode);
        Assert.Equal(guest.User.Id, (await login.Content.ReadFromJsonAsync<TokenResponse>())!.User.Id);
    }

    private static async Task<TokenResponse> GuestAsync(ApiClient api)
    {
        using var response = await api.SendAsync(HttpMethod.Post, "/api/auth/guest");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
    }
}
