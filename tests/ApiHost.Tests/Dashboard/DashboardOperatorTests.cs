using System.Net;
using System.Net.Http.Json;
using Cluster.Dashboard.Access;
using Cluster.Dashboard.Endpoints;
using Cluster.Dashboard.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Cluster.ApiHost.Tests.Dashboard;

/// <summary>The dashboard of the embedded API host, used with the operator token from configuration.</summary>
public sealed class DashboardOperatorTests
{
    private const string Token = "operator-token-for-tests-0123456789";

    [Fact]
    public async Task SignIn_OperatorToken_SetsAStrictCookieThatOpensTheFigures()
    {
        await using var factory = Create(Token);
        using var api = new ApiClient(factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false }));

        using var signIn = await SignInAsync(api, Token);
        var cookie = ApiClient.SetCookies(signIn)[DashboardAccess.CookieName];
        using var samples = await api.GetAsync("/dashboard/api/samples", cookies: $"{DashboardAccess.CookieName}={ApiClient.CookieValue(cookie)}");
        using var session = await api.GetAsync("/dashboard/session", cookies: $"{DashboardAccess.CookieName}={ApiClient.CookieValue(cookie)}");

        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/dashboard", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, samples.StatusCode);
        Assert.Equal(new DashboardSessionResponse(true, true), await session.Content.ReadFromJsonAsync<DashboardSessionResponse>());
    }

    [Fact]
    public async Task SignIn_WrongToken_Returns401ProblemAndNoCookie()
    {
        await using var factory = Create(Token);
        using var api = new ApiClient(factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false }));

        using var response = await SignInAsync(api, "not-the-operator-token-at-all");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(ApiClient.SetCookies(response));
    }

    [Fact]
    public async Task Samples_OperatorTokenAsBearer_Returns200()
    {
        await using var factory = Create(Token);
        using var api = new ApiClient(factory.CreateClient());

        using var response = await api.GetAsync("/dashboard/api/samples", bearer: Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Session_NoTokenConfigured_OffersNoOperatorSignIn()
    {
        await using var factory = Create(token: null);
        using var api = new ApiClient(factory.CreateClient());

        using var session = await api.GetAsync("/dashboard/session");
        using var signIn = await SignInAsync(api, Token);

        Assert.Equal(new DashboardSessionResponse(false, false), await session.Content.ReadFromJsonAsync<DashboardSessionResponse>());
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
    }

    [Fact]
    public async Task Page_WithoutTrailingSlash_RedirectsAndServesThePageUnderAStrictPolicy()
    {
        await using var factory = Create(Token);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var redirect = await client.GetAsync("/dashboard");
        using var page = await client.GetAsync("/dashboard/");
        using var script = await client.GetAsync("/dashboard/assets/app.js");
        using var missing = await client.GetAsync("/dashboard/assets/nothing.js");

        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/dashboard/", redirect.Headers.Location?.OriginalString);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("<script src=\"assets/app.js\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public void Validate_ShortTokenAndTooFastSampling_SaysWhatToSet()
    {
        var result = new DashboardOptionsValidator().Validate(null, new DashboardOptions { OperatorToken = "short", SamplePeriod = TimeSpan.FromMilliseconds(10) });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, failure => failure.StartsWith("Dashboard:OperatorToken is shorter than 16 characters", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, failure => failure.StartsWith("Dashboard:SamplePeriod is 00:00:00.0100000", StringComparison.Ordinal));
    }

    private static WebApplicationFactory<Program> Create(string? token) =>
        new EmbeddedApiHostFactory(EmbeddedApiHostFactory.NewDatabasePath()).WithWebHostBuilder(builder =>
        {
            if (token is not null)
            {
                builder.UseSetting("Dashboard:OperatorToken", token);
            }
        });

    private static async Task<HttpResponseMessage> SignInAsync(ApiClient api, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/dashboard/session") { Content = JsonContent.Create(new OperatorSignInRequest(token)) };
        request.Headers.Add(DashboardAccess.IntentHeader, "1");
        return await api.Http.SendAsync(request);
    }
}
