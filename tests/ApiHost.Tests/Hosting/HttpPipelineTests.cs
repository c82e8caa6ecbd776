using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cluster.Runtime.Core;
using Cluster.Runtime.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cluster.ApiHost.Tests.Hosting;

public sealed class HttpPipelineTests : IAsyncLifetime
{
    private readonly EmbeddedApiHostFactory _factory = new(EmbeddedApiHostFactory.NewDatabasePath());
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Request_WellFormedCorrelationId_IsEchoed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("X-Correlation-ID", "trace-42.a_b");

        using var response = await _client.SendAsync(request);

        Assert.Equal("trace-42.a_b", Assert.Single(response.Headers.GetValues("X-Correlation-ID")));
    }

    [Fact]
    public async Task Request_WithCorrelationId_LogsItAndTheTraceIdInTheScopeOfItsLines()
    {
        var capture = new LogCapture();
        await using var factory = _factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Logging:LogLevel:Default", "Debug");
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(capture));
        });
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/users/me");
        request.Headers.Add("X-Correlation-ID", "corr-log-1");
        request.Headers.Add("Authorization", "Bearer not-a-token");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var refused = Assert.Single(capture.Lines, line => line.Message.StartsWith("Access token refused", StringComparison.Ordinal));
        Assert.Equal("corr-log-1", refused.Scope[RequestContext.CorrelationIdKey]);
        Assert.Matches("^[0-9a-f]{32}$", refused.Scope["TraceId"]);
    }

    [Theory]
    [InlineData("has spaces")]
    [InlineData("quote\"d")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")]
    public async Task Request_MalformedCorrelationId_GetsAFreshOne(string presented)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.TryAddWithoutValidation("X-Correlation-ID", presented);

        using var response = await _client.SendAsync(request);
        var id = Assert.Single(response.Headers.GetValues("X-Correlation-ID"));

        Assert.NotEqual(presented, id);
        Assert.Matches("^[0-9a-f]{32}$", id);
    }

    [Fact]
    public async Task Requests_WithoutCorrelationIds_EachGetAnIdOfTheirOwn()
    {
        using var first = await _client.GetAsync("/health");
        using var second = await _client.GetAsync("/health");

        Assert.NotEqual(Assert.Single(first.Headers.GetValues("X-Correlation-ID")), Assert.Single(second.Headers.GetValues("X-Correlation-ID")));
    }

    [Fact]
    public async Task Response_Api_CarriesSecurityHeadersAndNoStore()
    {
        using var response = await _client.GetAsync("/api/auth/me");

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("default-src 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task Response_Jwks_KeepsItsOwnCaching()
    {
        using var response = await _client.GetAsync("/.well-known/jwks.json");

        Assert.Equal("public, max-age=300", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Post_BodyOverTheLimit_Is413Problem()
    {
        using var response = await _client.PostAsync("/api/auth/login", JsonContent.Create(new { email = "a@example.com", password = new string('x', 1024 * 1024) }));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("at most 1048576", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preflight_AllowedOrigin_AllowsCredentialsAndAForeignOneGetsNothing()
    {
        using var allowed = await _client.SendAsync(Preflight("http://localhost:3001"));
        using var foreign = await _client.SendAsync(Preflight("https://evil.example"));

        Assert.Equal("http://localhost:3001", Assert.Single(allowed.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("true", Assert.Single(allowed.Headers.GetValues("Access-Control-Allow-Credentials")));
        Assert.False(foreign.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("*", "wildcard")]
    [InlineData("https://app.example.com/path", "no path")]
    public void Start_BadAllowedOrigin_FailsNamingTheSetting(string origin, string expected)
    {
        using var factory = new EmbeddedApiHostFactory(EmbeddedApiHostFactory.NewDatabasePath())
            .WithWebHostBuilder(builder => builder.UseSetting("Hosting:Http:AllowedOrigins:0", origin));

        var exception = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Hosting:Http:AllowedOrigins", exception.Message, StringComparison.Ordinal);
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/auth/login");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return request;
    }
}
