using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Cluster.ApiHost.Auth;

namespace Cluster.ApiHost.Tests.Identity;

[Collection(IdentityClusterCollection.Name)]
public sealed partial class PasswordEndpointTests(IdentityClusterFixture cluster)
{
    private const string NewPassword = "a brand new passphrase";

    [Fact]
    public async Task Change_RightCurrentPassword_EndsOtherSessionsAndKeepsTheCaller()
    {
        using var api = cluster.Client();
        var email = ApiClient.NewEmail();
        var first = await api.RegisterNewAsync(email);
        var other = await LoginAsync(api, email);

        using var response = await api.SendAsync(HttpMethod.Post, "/api/auth/password/change", JsonContent.Create(new PasswordChangeRequest(ApiClient.Password, NewPassword)), first.AccessToken);
        var renewed = await response.Content.ReadFromJsonAsync<TokenResponse>();
        using var otherMe = await api.GetAsync("/api/auth/me", bearer: other.AccessToken);
        using var renewedMe = await api.GetAsync("/api/auth/me", bearer: renewed!.AccessToken);
        using var oldLogin = await api.LoginAsync(email);
        using var newLogin = await api.LoginAsync(email, NewPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherMe.StatusCode);
        Assert.Equal(HttpStatusCode.OK, renewedMe.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldLogin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newLogin.StatusCode);
    }

    [Fact]
    public async Task Change_WrongCurrentPasswordOrWeakNewOne_IsRefused()
    {
        using var api = cluster.Client();
        var tokens = await api.RegisterNewAsync();

        using var wrong = await api.SendAsync(HttpMethod.Post, "/api/auth/password/change", JsonContent.Create(new PasswordChangeRequest("not the password", NewPassword)), tokens.AccessToken);
        using var weak = await api.SendAsync(HttpMethod.Post, "/api/auth/password/change", JsonContent.Create(new PasswordChangeRequest(ApiClient.Password, "short")), tokens.AccessToken);
        using var me = await api.GetAsync("/api/auth/me", bearer: tokens.AccessToken);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task Change_Guest_IsForbidden()
    {
        using var api = cluster.Client();
        using var guestResponse = await api.SendAsync(HttpMethod.Post, "/api/auth/guest");
        var guest = await guestResponse.Content.ReadFromJsonAsync<TokenResponse>();

        using var response = await api.SendAsync(HttpMethod.Post, "/api/auth/password/change", JsonContent.Create(new PasswordChangeRequest("x", NewPassword)), guest!.AccessToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ResetRequest_KnownOrUnknownEmail_AnswersTheSame()
    {
        using var api = cluster.Client();
        var email = ApiClient.NewEmail();
        await api.RegisterNewAsync(email);

        using var known = await api.Http.PostAsJsonAsync("/api/auth/password-reset/request", new PasswordResetRequest(email));
        using var unknown = await api.Http.PostAsJsonAsync("/api/auth/password-reset/request", new PasswordResetRequest(ApiClient.NewEmail()));

        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Equal(await known.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
        await MailedTokenAsync(email);
    }

    [Fact]
    public async Task ResetConfirm_MailedToken_SetsThePasswordOnceOnAnyApiHost()
    {
        using var first = cluster.Client();
        using var second = cluster.Client(second: true);
        var email = ApiClient.NewEmail();
        var before = await first.RegisterNewAsync(email);
        using var requested = await first.Http.PostAsJsonAsync("/api/auth/password-reset/request", new PasswordResetRequest(email));
        var token = await MailedTokenAsync(email);

        using var confirmed = await second.Http.PostAsJsonAsync("/api/auth/password-reset/confirm", new PasswordResetConfirmRequest(email, NewPassword, token));
        using var reused = await first.Http.PostAsJsonAsync("/api/auth/password-reset/confirm", new PasswordResetConfirmRequest(email, "yet another passphrase", token));
        using var oldSession = await first.GetAsync("/api/auth/me", bearer: before.AccessToken);
        using var login = await first.LoginAsync(email, NewPassword);

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldSession.StatusCode);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task ResetConfirm_ForgedToken_IsUnauthorized()
    {
        using var api = cluster.Client();
        var email = ApiClient.NewEmail();
        await api.RegisterNewAsync(email);

        using var response = await api.Http.PostAsJsonAsync("/api/auth/password-reset/confirm", new PasswordResetConfirmRequest(email, NewPassword, "forged"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<string> MailedTokenAsync(string email)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var file in Directory.Exists(cluster.MailDirectory) ? Directory.GetFiles(cluster.MailDirectory, "*.eml") : [])
            {
                var mail = await File.ReadAllTextAsync(file);
                if (mail.Contains($"To: {email}", StringComparison.OrdinalIgnoreCase))
                {
                    // Quoted-printable wraps the link and writes '=' as '=3D': undo the soft line breaks first.
                    return TokenPattern().Match(mail.Replace("=\r\n", string.Empty, StringComparison.Ordinal)).Groups[1].Value;
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No reset mail for {email} in {cluster.MailDirectory}.");
    }

    private static async Task<TokenResponse> LoginAsync(ApiClient api, string email)
    {
        using var response = await api.LoginAsync(email);
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
    }

    [GeneratedRegex("token=(?:3D)?([A-Za-z0-9_-]+)")]
    private static partial Regex TokenPattern();
}
