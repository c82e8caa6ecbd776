using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cluster.ApiHost.Auth;
using Cluster.ApiHost.Identity;

namespace Cluster.ApiHost.Tests.Identity;

[Collection(IdentityClusterCollection.Name)]
public sealed class AuthEndpointTests(IdentityClusterFixture cluster)
{
    [Fact]
    public async Task Register_NewEmail_AnswersTokensAndSetsHttpOnlyCookies()
    {
        using var api = cluster.Client();
        var email = ApiClient.NewEmail();

        using var response = await api.RegisterAsync(email);
        var tokens = await response.Content.ReadFromJsonAsync<TokenResponse>();
        var cookies = ApiClient.SetCookies(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("bearer", email, "regular"), (tokens!.TokenType, tokens.User.Email, tokens.User.Type));
        Assert.InRange(tokens.ExpiresIn, 890, 900);
        Assert.True(Guid.TryParse(tokens.User.Id, out _));
        Assert.Equal(tokens.AccessToken, ApiClient.CookieValue(cookies[AuthCookies.AccessToken]));
        Assert.Equal(tokens.RefreshToken, ApiClient.CookieValue(cookies[AuthCookies.UserSession]));
        Assert.All(
            [cookies[AuthCookies.AccessToken], cookies[AuthCookies.UserSession]],
            cookie => Assert.Contains("secure; samesite=lax; httponly", cookie, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Register_TakenEmailInOtherCase_IsRefusedWithTheContractsMessage()
    {
        using var api = cluster.Client();
        var email = ApiClient.NewEmail();
        await api.RegisterNewAsync(email);

        using var response = await api.RegisterAsync(email.ToUpperInvariant());
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("already registered", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("bad_request:api", problem.GetProperty("code").GetString());
        Assert.False(ApiClient.SetCookies(response).ContainsKey(AuthCookies.AccessToken));
    }

    [Fact]
    public async Task Register_ConcurrentlyOnTwoApiHosts_CreatesOneAccount()
    {
        using var first = cluster.Client();
        using var second = cluster.Client(second: true);
        var email = ApiClient.NewEmail();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(index => (index % 2 == 0 ? first : second).RegisterAsync(email)));

        Assert.Equal(1, responses.Count(response => response.StatusCode == HttpStatusCode.OK));
        Assert.Equal(5, responses.Count(response => response.StatusCode == HttpStatusCode.BadRequest));
    }

    [Theory]
    [InlineData("not-an-email", ApiClient.Password, "email address is not valid")]
    [InlineData("Ada <ada@example.com>", ApiClient.Password, "email address is not valid")]
    [InlineData("", ApiClient.Password, "Give an email address")]
    [InlineData("ada@example.com", "short", "at least 12 characters")]
    [InlineData("ada@example.com", "password1234", "common")]
    public async Task Register_BadEmailOrWeakPassword_SaysWhatToFix(string email, string password, string expected)
    {
        using var api = cluster.Client();

        using var response = await api.RegisterAsync(email.Replace("ada@", $"ada.{Guid.NewGuid():N}@", StringComparison.Ordinal), password);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Login_JsonAndOAuthForm_BothSignIn()
    {
        using var api = cluster.Client();
        var email = ApiClient.NewEmail();
        await api.RegisterNewAsync(email);

        using var json = await api.LoginAsync(email.ToUpperInvariant());
        using var form = await api.Http.PostAsync("/api/auth/login", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = email, ["password"] = ApiClient.Password }));

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal(email, (await form.Content.ReadFromJsonAsync<TokenResponse>())!.User.Email);
    }

    [Fact]
    public async Task Login_WrongPasswordOrUnknownEmail_AnswerTheSame()
    {
        using var api = cluster.Client();
        var email = ApiClient.NewEmail();
        await api.RegisterNewAsync(email);

        using var wrongPassword = await api.LoginAsync(email, "not the password at all");
        using var unknownEmail = await api.LoginAsync(ApiClient.NewEmail());

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownEmail.StatusCode);
        Assert.Equal(await Detail(wrongPassword), await Detail(unknownEmail));
    }

    [Fact]
    public async Task Login_MissingFieldMalformedJsonOrWrongContentType_IsRefusedWithAProblem()
    {
        using var api = cluster.Client();

        using var empty = await api.Http.PostAsync("/api/auth/login", JsonContent.Create(new { email = "a@example.com" }));
        using var text = await api.Http.PostAsync("/api/auth/login", new StringContent("email=a"));
        using var malformed = await api.Http.PostAsync("/api/auth/login", new StringContent("{\"email\":", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("both an email and a password", await Detail(empty), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal("application/problem+json", text.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.DoesNotContain("Cluster.", await Detail(malformed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Me_BearerOrCookie_AnswersTheUserAndSessionVersion()
    {
        using var api = cluster.Client();
        var tokens = await api.RegisterNewAsync();

        using var bearer = await api.GetAsync("/api/auth/me", bearer: tokens.AccessToken);
        using var cookie = await api.GetAsync("/api/auth/me", cookies: $"{AuthCookies.AccessToken}={tokens.AccessToken}");
        var me = await bearer.Content.ReadFromJsonAsync<MeResponse>();

        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cookie.StatusCode);
        Assert.Equal(new MeResponse(tokens.User.Id, tokens.User.Email, "regular", "user"), me);
        Assert.Equal("1", Assert.Single(bearer.Headers.GetValues(AuthEndpoints.SessionVersionHeader)));
    }

    [Fact]
    public async Task Me_OnlyTheSessionCookie_RestoresTheSignInWithNewCookies()
    {
        using var api = cluster.Client();
        var tokens = await api.RegisterNewAsync();

        using var response = await api.GetAsync("/api/auth/me", cookies: $"{AuthCookies.UserSession}={tokens.RefreshToken}");
        var cookies = ApiClient.SetCookies(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(cookies.ContainsKey(AuthCookies.AccessToken));
        Assert.NotEqual(tokens.RefreshToken, ApiClient.CookieValue(cookies[AuthCookies.UserSession]));
    }

    [Fact]
    public async Task Me_Anonymous_IsUnauthorizedProblem()
    {
        using var api = cluster.Client();

        using var response = await api.GetAsync("/api/auth/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Refresh_BodyToken_RotatesAndTheNewAccessTokenWorks()
    {
        using var api = cluster.Client();
        var tokens = await api.RegisterNewAsync();

        using var response = await api.Http.PostAsJsonAsync("/api/auth/refresh", new RefreshRequest(tokens.RefreshToken));
        var refreshed = await response.Content.ReadFromJsonAsync<TokenResponse>();
        using var me = await api.GetAsync("/api/auth/me", bearer: refreshed!.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(tokens.RefreshToken, refreshed.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task Refresh_CookieOnly_Rotates()
    {
        using var api = cluster.Client();
        var tokens = await api.RegisterNewAsync();

        using var response = await api.SendAsync(HttpMethod.Post, "/api/auth/refresh", cookies: $"{AuthCookies.UserSession}={tokens.RefreshToken}", origin: "http://localhost");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(tokens.RefreshToken, ApiClient.CookieValue(ApiClient.SetCookies(response)[AuthCookies.UserSession]));
    }

    [Fact]
    public async Task Refresh_ReplayOfAnOldToken_RevokesTheSessionOnEveryApiHost()
    {
        using var first = cluster.Client();
        using var second = cluster.Client(second: true);
        var original = await first.RegisterNewAsync();
        var next = await RefreshAsync(first, original.RefreshToken);
        var latest = await RefreshAsync(first, next!.RefreshToken);

        using var replay = await second.Http.PostAsJsonAsync("/api/auth/refresh", new RefreshRequest(original.RefreshToken));
        using var legitimate = await first.Http.PostAsJsonAsync("/api/auth/refresh", new RefreshRequest(latest!.RefreshToken));
        using var me = await second.GetAsync("/api/auth/me", bearer: latest.AccessToken);

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, legitimate.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("0123456789abcdef0123456789abcdef.secret")]
    public async Task Refresh_UnknownOrMalformedToken_IsUnauthorized(string token)
    {
        using var api = cluster.Client();

        using var response = await api.Http.PostAsJsonAsync("/api/auth/refresh", new RefreshRequest(token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Logout_OnOneApiHost_EndsTheAccessTokenOnTheOther()
    {
        using var first = cluster.Client();
        using var second = cluster.Client(second: true);
        var tokens = await first.RegisterNewAsync();

        using var logout = await first.SendAsync(HttpMethod.Post, "/api/auth/logout", bearer: tokens.AccessToken);
        using var me = await second.GetAsync("/api/auth/me", bearer: tokens.AccessToken);
        using var refresh = await second.Http.PostAsJsonAsync("/api/auth/refresh", new RefreshRequest(tokens.RefreshToken));

        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.StartsWith("auth_token=; expires=Thu, 01 Jan 1970", ApiClient.SetCookies(logout)[AuthCookies.AccessToken], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    [Fact]
    public async Task Logout_RefreshTokenOnly_EndsThatSession()
    {
        using var api = cluster.Client();
        var tokens = await api.RegisterNewAsync();

        using var logout = await api.Http.PostAsJsonAsync("/api/auth/logout", new RefreshRequest(tokens.RefreshToken));
        using var me = await api.GetAsync("/api/auth/me", bearer: tokens.AccessToken);

        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task Validate_TokenInHeaderQueryOrCookie_AnswersTheUser()
    {
        using var api = cluster.Client();
        var tokens = await api.RegisterNewAsync();

        using var header = await api.GetAsync("/api/auth/validate", bearer: tokens.AccessToken);
        using var query = await api.GetAsync($"/api/auth/validate?token={tokens.AccessToken}");
        using var cookie = await api.GetAsync("/api/auth/validate", cookies: $"{AuthCookies.AccessToken}={tokens.AccessToken}");
        using var forged = await api.GetAsync($"/api/auth/validate?token={tokens.AccessToken}x");

        Assert.All([header, query, cookie], response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(tokens.User.Id, (await query.Content.ReadFromJsonAsync<ValidateResponse>())!.User.Id);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    private static async Task<TokenResponse?> RefreshAsync(ApiClient api, string refreshToken)
    {
        using var response = await api.Http.PostAsJsonAsync("/api/auth/refresh", new RefreshRequest(refreshToken));
        return await response.Content.ReadFromJsonAsync<TokenResponse>();
    }

    private static async Task<string?> Detail(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
}
