using System.Net;
using System.Net.Http.Json;
using System.Text;
using Cluster.ApiHost.Auth;
using Cluster.ApiHost.Identity;
using Cluster.ApiHost.Users;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.Tokens;

namespace Cluster.ApiHost.Tests.Identity;

/// <summary>Sign-in through an external OIDC authority (a real one on loopback) on API hosts of a real cluster.</summary>
[Collection(IdentityClusterCollection.Name)]
public sealed class OidcSignInTests(IdentityClusterFixture cluster) : IAsyncLifetime
{
    private readonly TestAuthority _authority = new();
    private WebApplicationFactory<Program> _host = null!;

    public static TheoryData<string> Attacks =>
    [
        "wrong-audience", "wrong-issuer", "expired", "not-yet-valid", "foreign-key", "alg-none", "hs256-with-public-key", "tampered", "no-subject",
    ];

    public async Task InitializeAsync()
    {
        await _authority.InitializeAsync();
        _host = cluster.CreateApiHost(_authority.Settings());
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _authority.DisposeAsync();
    }

    [Fact]
    public async Task Exchange_ValidIdToken_StartsASessionForOneProvisionedAccount()
    {
        using var api = Client();
        var subject = TestAuthority.NewSubject();

        var first = await ExchangeAsync(api, _authority.Issue(subject, Verified($"{subject}@idp.example")));
        var second = await ExchangeAsync(api, _authority.Issue(subject, Verified($"{subject}@idp.example")));
        using var me = await api.GetAsync("/api/users/me", bearer: second.AccessToken);
        var user = await me.Content.ReadFromJsonAsync<UserResponse>();
        using var changePassword = await api.SendAsync(HttpMethod.Post, "/api/auth/password/change", JsonContent.Create(new { current_password = "x", new_password = ApiClient.Password + "!" }), second.AccessToken);

        Assert.Equal(first.User.Id, second.User.Id);
        Assert.Equal("bearer", first.TokenType);
        Assert.False(string.IsNullOrEmpty(first.RefreshToken));
        Assert.Equal($"{subject}@idp.example", user!.Email);
        Assert.Equal(HttpStatusCode.BadRequest, changePassword.StatusCode);
    }

    [Fact]
    public async Task Exchange_FirstSignInsConcurrentlyOnTwoApiHosts_ProvisionOneAccount()
    {
        await using var other = cluster.CreateApiHost(_authority.Settings());
        using var first = Client();
        using var second = new ApiClient(other.CreateClient());
        var subject = TestAuthority.NewSubject();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(index =>
            ExchangeAsync(index % 2 == 0 ? first : second, _authority.Issue(subject, Verified($"{subject}@idp.example")))));

        Assert.Single(results.Select(result => result.User.Id).Distinct());
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task Exchange_ForgedOrUnfitIdToken_IsRefused(string attack)
    {
        using var api = Client();
        var token = Forge(attack, TestAuthority.NewSubject());

        using var exchange = await api.SendAsync(HttpMethod.Post, "/api/auth/oidc", JsonContent.Create(new { id_token = token }));
        using var bearer = await api.GetAsync("/api/users/me", bearer: token);

        Assert.Equal(HttpStatusCode.Unauthorized, exchange.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, bearer.StatusCode);
    }

    [Fact]
    public async Task Exchange_IdTokenIssuedLongAgo_IsRefusedThoughStillCurrentAsAnAccessToken()
    {
        using var api = Client();
        var now = DateTime.UtcNow;
        var token = _authority.Issue(TestAuthority.NewSubject(), change: token => (token.IssuedAt, token.NotBefore, token.Expires) = (now.AddHours(-2), now.AddHours(-2), now.AddHours(1)));

        using var exchange = await api.SendAsync(HttpMethod.Post, "/api/auth/oidc", JsonContent.Create(new { id_token = token }));
        using var bearer = await api.GetAsync("/api/users/me", bearer: token);

        Assert.Equal(HttpStatusCode.Unauthorized, exchange.StatusCode);
        Assert.Contains("issued more than 10 minutes ago", await exchange.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
    }

    [Fact]
    public async Task Exchange_SameIdTokenTwice_TheSecondIsRefused()
    {
        using var api = Client();
        var token = _authority.Issue(TestAuthority.NewSubject());

        await ExchangeAsync(api, token);
        using var replay = await api.SendAsync(HttpMethod.Post, "/api/auth/oidc", JsonContent.Create(new { id_token = token }));

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Contains("exchanged already", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exchange_IssuedInTheFuture_IsRefused()
    {
        using var api = Client();
        var now = DateTime.UtcNow;
        var token = _authority.Issue(TestAuthority.NewSubject(), change: token => (token.IssuedAt, token.Expires) = (now.AddMinutes(10), now.AddMinutes(20)));

        using var exchange = await api.SendAsync(HttpMethod.Post, "/api/auth/oidc", JsonContent.Create(new { id_token = token }));

        Assert.Equal(HttpStatusCode.Unauthorized, exchange.StatusCode);
        Assert.Contains("issued in the future", await exchange.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bearer_IdTokenWithANonce_IsNotAnAccessToken()
    {
        using var api = Client();
        var token = _authority.Issue(TestAuthority.NewSubject(), new Dictionary<string, object> { ["nonce"] = "n-1" });

        using var bearer = await api.GetAsync("/api/users/me", bearer: token);

        Assert.Equal(HttpStatusCode.Unauthorized, bearer.StatusCode);
    }

    [Fact]
    public async Task Exchange_NonceGiven_MustMatchTheToken()
    {
        using var api = Client();
        var token = _authority.Issue(TestAuthority.NewSubject(), new Dictionary<string, object> { ["nonce"] = "n-1" });

        using var wrong = await api.SendAsync(HttpMethod.Post, "/api/auth/oidc", JsonContent.Create(new { id_token = token, nonce = "n-2" }));
        using var right = await api.SendAsync(HttpMethod.Post, "/api/auth/oidc", JsonContent.Create(new { id_token = token, nonce = "n-1" }));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task Exchange_ProviderRotatedItsKeys_AcceptsTokensSignedWithTheNewKeyAndRereadsAtMostOnce()
    {
        using var api = Client();
        await ExchangeAsync(api, _authority.Issue(TestAuthority.NewSubject()));
        _authority.RotateKeys();

        var rotated = await ExchangeAsync(api, _authority.Issue(TestAuthority.NewSubject()));
        var forgedKids = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => api.SendAsync(
            HttpMethod.Post, "/api/auth/oidc", JsonContent.Create(new { id_token = Forge("foreign-key", TestAuthority.NewSubject()) }))));

        Assert.False(string.IsNullOrEmpty(rotated.AccessToken));
        Assert.All(forgedKids, response => Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode));
        Assert.Equal(2, _authority.KeyReads);
    }

    [Fact]
    public async Task Exchange_MappedRolesAndGroups_SetTheAccountsRoleAndMemberships()
    {
        using var api = Client();
        var admin = await cluster.NewAdminAsync(api);
        var group = await api.CreateGroupAsync(admin);
        var subject = TestAuthority.NewSubject();

        var asAdmin = await ExchangeAsync(api, _authority.Issue(subject, Roles(["admin"], [group.Name, "no such group"])));
        using var adminRoute = await api.GetAsync("/api/admin/groups", bearer: asAdmin.AccessToken);
        using var groups = await api.GetAsync("/api/users/me/groups", bearer: asAdmin.AccessToken);
        var demoted = await ExchangeAsync(api, _authority.Issue(subject, Roles(["viewer"], [])));
        using var afterDemotion = await api.GetAsync("/api/admin/groups", bearer: asAdmin.AccessToken);
        using var groupsAfter = await api.GetAsync("/api/users/me/groups", bearer: demoted.AccessToken);

        Assert.Equal(HttpStatusCode.OK, adminRoute.StatusCode);
        Assert.Contains(group.Id, await groups.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, afterDemotion.StatusCode);
        Assert.DoesNotContain(group.Id, await groupsAfter.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exchange_VerifiedEmailOfARegisteredAccount_IsRefusedWithConflictUnlessLinkingIsAllowed()
    {
        using var api = Client();
        var email = ApiClient.NewEmail();
        var registered = await api.RegisterNewAsync(email);
        await using var linking = cluster.CreateApiHost(_authority.Settings(("LinkByEmail", "true")));
        using var linkingApi = new ApiClient(linking.CreateClient());

        using var refused = await api.SendAsync(HttpMethod.Post, "/api/auth/oidc", JsonContent.Create(new { id_token = _authority.Issue(TestAuthority.NewSubject(), Verified(email)) }));
        var linked = await ExchangeAsync(linkingApi, _authority.Issue(TestAuthority.NewSubject(), Verified(email)));
        using var oldPassword = await api.LoginAsync(email);
        using var oldSession = await api.GetAsync("/api/auth/me", registered.AccessToken);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(registered.User.Id, linked.User.Id);
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldSession.StatusCode);
    }

    [Fact]
    public async Task Exchange_UnverifiedEmail_IsNotClaimed()
    {
        using var api = Client();
        var email = ApiClient.NewEmail();

        var signedIn = await ExchangeAsync(api, _authority.Issue(TestAuthority.NewSubject(), new Dictionary<string, object> { ["email"] = email, ["email_verified"] = false }));
        using var register = await api.RegisterAsync(email);

        Assert.EndsWith("@external.invalid", signedIn.User.Email, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, register.StatusCode);
    }

    [Fact]
    public async Task Bearer_ProviderAccessToken_AuthenticatesUntilTheAccountIsDeactivated()
    {
        using var api = Client();
        var admin = await cluster.NewAdminAsync(api);
        var token = _authority.Issue(TestAuthority.NewSubject());

        using var first = await api.GetAsync("/api/users/me", bearer: token);
        var user = await first.Content.ReadFromJsonAsync<UserResponse>();
        using var deactivate = await api.SendAsync(HttpMethod.Patch, $"/api/admin/users/{user!.Id}", JsonContent.Create(new { isActive = false }), admin);
        using var after = await api.GetAsync("/api/users/me", bearer: token);
        using var cookie = await api.GetAsync("/api/users/me", cookies: $"{AuthCookies.AccessToken}={_authority.Issue(TestAuthority.NewSubject())}");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deactivate.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, cookie.StatusCode);
    }

    [Fact]
    public async Task Exchange_DeactivatedAccount_IsForbidden()
    {
        using var api = Client();
        var admin = await cluster.NewAdminAsync(api);
        var subject = TestAuthority.NewSubject();
        var signedIn = await ExchangeAsync(api, _authority.Issue(subject));
        using var deactivate = await api.SendAsync(HttpMethod.Patch, $"/api/admin/users/{signedIn.User.Id}", JsonContent.Create(new { isActive = false }), admin);

        using var again = await api.SendAsync(HttpMethod.Post, "/api/auth/oidc", JsonContent.Create(new { id_token = _authority.Issue(subject) }));

        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
    }

    [Fact]
    public async Task Exchange_ProviderUnreachable_Answers503()
    {
        var settings = _authority.Settings();
        await _authority.DisposeAsync();
        await using var host = cluster.CreateApiHost(settings);
        using var api = new ApiClient(host.CreateClient());

        using var response = await api.SendAsync(HttpMethod.Post, "/api/auth/oidc", JsonContent.Create(new { id_token = _authority.Issue(TestAuthority.NewSubject()) }));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("offline:auth", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exchange_BadBodyOrNoProviders_IsABadRequest()
    {
        using var api = Client();
        using var unconfigured = new ApiClient(cluster.First.CreateClient());

        using var missing = await api.SendAsync(HttpMethod.Post, "/api/auth/oidc", JsonContent.Create(new { nonce = "x" }));
        using var noProviders = await unconfigured.SendAsync(HttpMethod.Post, "/api/auth/oidc", JsonContent.Create(new { id_token = "a.b.c" }));
        using var providers = await api.GetAsync("/api/auth/oidc/providers");

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noProviders.StatusCode);
        Assert.Contains(TestAuthority.ClientId, await providers.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Start_HttpAuthorityRequiringHttps_FailsNamingTheSetting()
    {
        var settings = _authority.Settings(("RequireHttpsMetadata", "true"));
        using var host = cluster.CreateApiHost(settings);

        var failure = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains("RequireHttpsMetadata", failure.ToString(), StringComparison.Ordinal);
    }

    private ApiClient Client() => new(_host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false }));

    private static async Task<TokenResponse> ExchangeAsync(ApiClient api, string idToken)
    {
        using var response = await api.SendAsync(HttpMethod.Post, "/api/auth/oidc", JsonContent.Create(new { id_token = idToken }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
    }

    private static Dictionary<string, object> Verified(string email) => new() { ["email"] = email, ["email_verified"] = true };

    private static Dictionary<string, object> Roles(string[] roles, string[] groups) => new()
    {
        ["realm_access"] = new Dictionary<string, object> { ["roles"] = roles },
        ["groups"] = groups,
    };

    private string Forge(string attack, string subject)
    {
        var now = DateTime.UtcNow;
        switch (attack)
        {
            case "wrong-audience":
                return _authority.Issue(subject, change: token => token.Audience = "another-client");
            case "wrong-issuer":
                return _authority.Issue(subject, change: token => token.Issuer = "https://evil.example");
            case "expired":
                return _authority.Issue(subject, change: token => (token.IssuedAt, token.NotBefore, token.Expires) = (now.AddMinutes(-8), now.AddMinutes(-8), now.AddMinutes(-3)));
            case "not-yet-valid":
                return _authority.Issue(subject, change: token => (token.NotBefore, token.Expires) = (now.AddMinutes(5), now.AddMinutes(20)));
            case "foreign-key":
                return _authority.Issue(subject, change: token => token.SigningCredentials = TestAuthority.ForeignCredentials(_authority.CurrentKeyId));
            case "alg-none":
                var genuine = _authority.Issue(subject).Split('.');
                return $"{Base64UrlEncoder.Encode($$"""{"alg":"none","typ":"JWT","kid":"{{_authority.CurrentKeyId}}"}""")}.{genuine[1]}.";
            case "hs256-with-public-key":
                var secret = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_authority.PublicKeyPem)) { KeyId = _authority.CurrentKeyId };
                return _authority.Issue(subject, change: token => token.SigningCredentials = new SigningCredentials(secret, SecurityAlgorithms.HmacSha256));
            case "tampered":
                var parts = _authority.Issue(subject).Split('.');
                var payload = Base64UrlEncoder.Decode(parts[1]).Replace(subject, TestAuthority.NewSubject(), StringComparison.Ordinal);
                return $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
            case "no-subject":
                return _authority.Issue(subject, change: token => token.Subject = null);
            default:
                throw new ArgumentOutOfRangeException(nameof(attack), attack, "Unknown attack.");
        }
    }
}
