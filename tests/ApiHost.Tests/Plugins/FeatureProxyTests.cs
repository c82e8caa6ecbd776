using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Cluster.ApiHost.Tests.Chats;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.ApiHost.Tests.Plugins;

[Collection(IdentityClusterCollection.Name)]
public sealed class FeatureProxyTests(IdentityClusterFixture cluster)
{
    [Fact]
    public async Task Forward_SpoofedIdentityAndCredentials_AreReplacedOrStripped()
    {
        await using var service = await FeatureService.StartAsync();
        await using var host = KestrelHost();
        using var api = new ApiClient(host.CreateClient(NoRedirects(host)));
        var admin = await cluster.NewAdminAsync(api);
        var group = await api.CreateGroupAsync(admin);
        service.Manifest = FeatureService.ManifestJson(service.Id, allowSuperuser: false, requiredGroups: group.Name);
        var user = await api.RegisterNewAsync();
        using (await api.SendAsync(HttpMethod.Post, $"/api/admin/groups/{group.Id}/members/{user.User.Id}", bearer: admin))
        {
        }

        await api.RegisterAsync(admin, service);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/plugins/{service.Id}/api/echo/a%2Fb/c?q=1%262");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.AccessToken);
        request.Headers.Add("x-user-id", "attacker");
        request.Headers.Add("X-User-Groups", "admins");
        request.Headers.Add("x-user-role", "admin");
        request.Headers.TryAddWithoutValidation("x_user_id", "attacker");
        request.Headers.Add("X-Custom", "kept");
        request.Headers.Add("Connection", "X-Hop");
        request.Headers.Add("X-Hop", "dropped");
        using var response = await api.Http.SendAsync(request);
        var echoed = await response.JsonAsync();
        var headers = service.LastHeaders;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/api/echo/a%2Fb/c", echoed.GetProperty("path").GetString());
        Assert.Equal("?q=1%262", echoed.GetProperty("query").GetString());
        Assert.Equal(user.User.Id, headers["x-user-id"]);
        Assert.Equal(Uri.EscapeDataString(group.Name.ToLowerInvariant()), headers["x-user-groups"]);
        Assert.Equal("user", headers["x-user-role"]);
        Assert.Equal("kept", headers["x-custom"]);
        Assert.False(headers.ContainsKey("authorization"));
        Assert.False(headers.ContainsKey("x-hop"));
        Assert.True(headers.ContainsKey("x-correlation-id"));
        Assert.False(headers.ContainsKey("x_user_id"));
        Assert.Equal("kept", response.Headers.GetValues("X-Service").Single());
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Forward_CallerWithoutAccessOrPathOutsideApi_IsRefused()
    {
        await using var service = await FeatureService.StartAsync();
        service.Manifest = FeatureService.ManifestJson(service.Id, allowSuperuser: true, requiredGroups: "not-yours");
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var user = await api.RegisterNewAsync();
        await api.RegisterAsync(admin, service);

        using var outsider = await api.GetAsync($"/api/plugins/{service.Id}/api/greeting", user.AccessToken);
        using var escape = await api.GetAsync($"/api/plugins/{service.Id}/api/..%2F..%2Fplugin/secret-admin", admin);
        using var dotted = await api.GetAsync($"/api/plugins/{service.Id}/api/%2e%2e/plugin/secret-admin", admin);
        using var unknown = await api.GetAsync("/api/plugins/no-such-plugin/api/greeting", admin);

        await outsider.AssertProblemAsync(404, "not_found:plugin");
        Assert.NotEqual(HttpStatusCode.OK, escape.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, dotted.StatusCode);
        await unknown.AssertProblemAsync(404, "not_found:plugin");
    }

    [Theory]
    [InlineData("..\\plugin\\secret-admin")]
    [InlineData("../../plugin/secret-admin")]
    [InlineData("%2e%2e/%2e%2e/plugin/secret-admin")]
    [InlineData("x/..\\..\\health")]
    public async Task Forward_RawPathLeavingApi_Is400AndNeverReachesTheService(string path)
    {
        await using var service = await FeatureService.StartAsync();
        await using var host = KestrelHost();
        using var api = new ApiClient(host.CreateClient(NoRedirects(host)));
        var admin = await cluster.NewAdminAsync(api);
        await api.RegisterAsync(admin, service);
        var address = api.Http.BaseAddress!;

        // A raw request: HttpClient would resolve the dots and backslashes itself before sending.
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(address.Host, address.Port);
        await using var stream = socket.GetStream();
        var request = $"GET /api/plugins/{service.Id}/api/{path} HTTP/1.1\r\nHost: {address.Authority}\r\nAuthorization: Bearer {admin}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync();

        Assert.StartsWith("HTTP/1.1 4", statusLine, StringComparison.Ordinal);
        Assert.DoesNotContain("200", statusLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forward_LargeUpload_IsStreamedThroughWithoutBeingHeld()
    {
        const int chunk = 1024 * 1024;
        const int chunks = 50;
        await using var service = await FeatureService.StartAsync();
        await using var host = KestrelHost();
        using var api = new ApiClient(host.CreateClient(NoRedirects(host)));
        var admin = await cluster.NewAdminAsync(api);
        await api.RegisterAsync(admin, service);
        var content = new PacedContent(chunk, chunks, pauseAfter: 8, () => service.UploadReceived);

        var allocatedBefore = GC.GetTotalAllocatedBytes();
        using var response = await api.SendAsync(HttpMethod.Post, $"/api/plugins/{service.Id}/api/upload", content, admin);
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        var body = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((long)chunk * chunks, body.GetProperty("bytes").GetInt64());
        Assert.Equal(content.Sha256, body.GetProperty("sha256").GetString());
        Assert.True(content.ReceivedAtPause > 0, "the service had bytes while most of the upload was still unsent");

        // The whole process (client, proxy, service) allocates ~3 MB for the 50 MB here; holding the body would take more than all of it.
        Assert.True(allocated < (long)chunk * chunks, $"{allocated} bytes were allocated while 50 MB went through");
    }

    [Fact]
    public async Task Forward_ServerSentEvents_ReachTheClientOneByOne()
    {
        await using var service = await FeatureService.StartAsync();
        await using var host = KestrelHost();
        using var api = new ApiClient(host.CreateClient(NoRedirects(host)));
        var admin = await cluster.NewAdminAsync(api);
        await api.RegisterAsync(admin, service);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/plugins/{service.Id}/api/events");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);

        using var response = await api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);
        var first = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
        service.SecondEvent.TrySetResult();
        var rest = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("data: one", first);
        Assert.Contains("data: two", rest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forward_ServiceSlowDownOrFailing_Is504Then502ThenCircuitOpensAndCloses()
    {
        await using var service = await FeatureService.StartAsync();
        await using var host = cluster.CreateApiHost(new Dictionary<string, string?>
        {
            ["Plugins:Proxy:ResponseTimeout"] = "00:00:01",
            ["Plugins:Proxy:CircuitBreakDuration"] = "00:00:02",
        });
        using var api = new ApiClient(host.CreateClient(NoRedirects()));
        var admin = await cluster.NewAdminAsync(api);
        await api.RegisterAsync(admin, service);

        using var slow = await api.GetAsync($"/api/plugins/{service.Id}/api/slow", admin);
        await service.StopAsync();
        var failures = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            failures.Add(await api.GetAsync($"/api/plugins/{service.Id}/api/greeting", admin));
        }

        var open = await failures[^1].Content.ReadAsStringAsync();
        await service.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        using var recovered = await api.GetAsync($"/api/plugins/{service.Id}/api/greeting", admin);

        await slow.AssertProblemAsync(504, "gateway_timeout:plugin");
        await failures[0].AssertProblemAsync(502, "bad_gateway:plugin");
        Assert.Contains(service.Id, await failures[0].Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("paused", open, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        failures.ForEach(failure => failure.Dispose());
    }

    [Fact]
    public async Task Forward_Alias_ReachesTheSamePathOnItsService()
    {
        await using var service = await FeatureService.StartAsync();
        await using var host = cluster.CreateApiHost(new Dictionary<string, string?> { ["Plugins:Proxy:Aliases:/api/echo"] = service.Id });
        using var api = new ApiClient(host.CreateClient(NoRedirects()));
        var admin = await cluster.NewAdminAsync(api);
        await api.RegisterAsync(admin, service);

        var echoed = await api.GetJsonAsync("/api/echo/categories?all=true", admin);

        Assert.Equal("/api/echo/categories", echoed.GetProperty("path").GetString());
        Assert.Equal("?all=true", echoed.GetProperty("query").GetString());
    }

    // The factory's redirect handler would hold a request body whole, to send it again after a redirect.
    private static WebApplicationFactoryClientOptions NoRedirects(WebApplicationFactory<Program>? kestrelHost = null)
    {
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false };
        if (kestrelHost is not null)
        {
            options.BaseAddress = new Uri(kestrelHost.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }

        return options;
    }

    // A real server, not the in-memory one: the proxy then reads the raw request target and streams over sockets.
    private WebApplicationFactory<Program> KestrelHost()
    {
        var host = cluster.CreateApiHost();
        host.UseKestrel(0);
        host.StartServer();
        return host;
    }

    /// <summary>
    /// A body written in chunks that, after <c>pauseAfter</c> of them, waits (up to 10 s) until the service has some of
    /// it: a proxy that held the body until its end would receive nothing, and the wait would time out.
    /// </summary>
    private sealed class PacedContent(int chunkBytes, int chunks, int pauseAfter, Func<long> received) : HttpContent
    {
        private readonly byte[] _chunk = RandomNumberGenerator.GetBytes(chunkBytes);

        public long ReceivedAtPause { get; private set; }

        public string Sha256
        {
            get
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                for (var i = 0; i < chunks; i++)
                {
                    hash.AppendData(_chunk);
                }

                return Convert.ToHexString(hash.GetHashAndReset());
            }
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var i = 0; i < chunks; i++)
            {
                await stream.WriteAsync(_chunk);
                await stream.FlushAsync();
                if (i == pauseAfter)
                {
                    var deadline = DateTime.UtcNow.AddSeconds(10);
                    while (received() == 0 && DateTime.UtcNow < deadline)
                    {
                        await Task.Delay(20);
                    }

                    ReceivedAtPause = received();
                }
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = (long)chunkBytes * chunks;
            return true;
        }
    }
}
