using System.Net;
using System.Net.Http.Json;
using Cluster.ApiHost.Auth;

namespace Cluster.ApiHost.Tests.Identity;

[Collection(IdentityClusterCollection.Name)]
public sealed class SessionEndpointTests(IdentityClusterFixture cluster)
{
    [Fact]
    public async Task List_TwoSignIns_ShowsBothAndMarksTheCurrent()
    {
        using var api = cluster.Client();
        var email = ApiClient.NewEmail();
        var first = await api.RegisterNewAsync(email);
        using var login = await api.LoginAsync(email);
        var second = await login.Content.ReadFromJsonAsync<TokenResponse>();

        using var response = await api.GetAsync("/api/auth/sessions", bearer: second!.AccessToken);
        var sessions = await response.Content.ReadFromJsonAsync<SessionResponse[]>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, sessions!.Length);
        Assert.Equal(second.RefreshToken.Split('.')[0], Assert.Single(sessions, session => session.Current).Id);
        Assert.Contains(sessions, session => session.Id == first.RefreshToken.Split('.')[0]);
    }

    [Fact]
    public async Task Revoke_OwnOtherSession_EndsItOnEveryApiHost()
    {
        using var api = cluster.Client();
        using var other = cluster.Client(second: true);
        var email = ApiClient.NewEmail();
        var first = await api.RegisterNewAsync(email);
        using var login = await api.LoginAsync(email);
        var second = await login.Content.ReadFromJsonAsync<TokenResponse>();

        using var revoked = await api.SendAsync(HttpMethod.Delete, $"/api/auth/sessions/{first.RefreshToken.Split('.')[0]}", bearer: second!.AccessToken);
        using var firstMe = await other.GetAsync("/api/auth/me", bearer: first.AccessToken);
        using var secondMe = await other.GetAsync("/api/auth/me", bearer: second.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, firstMe.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondMe.StatusCode);
    }

    [Fact]
    public async Task Revoke_AnotherUsersSession_IsNotFoundAndItLives()
    {
        using var api = cluster.Client();
        var victim = await api.RegisterNewAsync();
        var attacker = await api.RegisterNewAsync();

        using var response = await api.SendAsync(HttpMethod.Delete, $"/api/auth/sessions/{victim.RefreshToken.Split('.')[0]}", bearer: attacker.AccessToken);
        using var victimMe = await api.GetAsync("/api/auth/me", bearer: victim.AccessToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, victimMe.StatusCode);
    }

    [Fact]
    public async Task List_Anonymous_IsUnauthorized()
    {
        using var api = cluster.Client();

        using var response = await api.GetAsync("/api/auth/sessions");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
