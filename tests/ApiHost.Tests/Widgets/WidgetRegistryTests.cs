using System.Net;
using System.Security.Cryptography;
using Cluster.ApiHost.Tests.Chats;
using Cluster.ApiHost.Widgets;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.ApiHost.Tests.Widgets;

[Collection(IdentityClusterCollection.Name)]
public sealed class WidgetRegistryTests(IdentityClusterFixture cluster) : IAsyncLifetime
{
    private readonly string _cacheRoot = Path.Combine(Path.GetTempPath(), "cluster-widgets", Guid.NewGuid().ToString("N"));
    private NpmRegistry _registry = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_cacheRoot);
        _registry = await NpmRegistry.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        if (Directory.Exists(_cacheRoot))
        {
            Directory.Delete(_cacheRoot, recursive: true);
        }
    }

    [Fact]
    public async Task Register_VerifiedBundle_ListedAndServedByEveryHost()
    {
        var package = NewPackage();
        _registry.Publish(package, "1.0.0", NpmRegistry.Tarball(("package/index.js", "export const clock = 1;"), ("package/css/clock.css", "a{}")));
        await using var host = WidgetHost("a");
        await using var other = WidgetHost("b");
        using var api = new ApiClient(host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        using var otherApi = new ApiClient(other.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        var admin = await cluster.NewAdminAsync(api);
        var user = await api.RegisterNewAsync();

        using var registered = await api.SendJsonAsync(HttpMethod.Post, "/api/admin/widgets", new { package, version = "1.0.0" }, admin);
        using var byUser = await api.SendJsonAsync(HttpMethod.Post, "/api/admin/widgets", new { package, version = "1.0.0" }, user.AccessToken);
        var listed = await otherApi.GetJsonAsync("/api/widgets/", user.AccessToken);
        using var script = await otherApi.GetAsync($"/api/widgets/{package}/1.0.0/files/index.js", user.AccessToken);
        using var style = await api.GetAsync($"/api/widgets/{package}/1.0.0/files/css/clock.css", user.AccessToken);
        using var escaping = await api.GetAsync($"/api/widgets/{package}/1.0.0/files/css%2F..%2F..%2Findex.js", user.AccessToken);
        using var revalidated = await RevalidateAsync(otherApi, $"/api/widgets/{package}/1.0.0/files/index.js", user.AccessToken, script.Headers.ETag);
        using var removed = await api.SendAsync(HttpMethod.Delete, $"/api/admin/widgets/{package}/1.0.0", bearer: admin);
        using var afterRemoval = await otherApi.GetAsync($"/api/widgets/{package}/1.0.0/files/index.js", user.AccessToken);

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        await byUser.AssertProblemAsync(403, "forbidden:auth");
        var bundle = Assert.Single(listed.EnumerateArray(), entry => entry.GetProperty("package").GetString() == package);
        Assert.Equal(["index.js", "css/clock.css"], bundle.GetProperty("files").EnumerateArray().Select(file => file.GetString()));
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("export const clock = 1;", await script.Content.ReadAsStringAsync());
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal("a{}", await style.Content.ReadAsStringAsync());
        await escaping.AssertProblemAsync(404, "not_found:widgets");
        Assert.Contains("has no file 'css%2F..%2F..%2Findex.js'", (await escaping.JsonAsync()).GetProperty("detail").GetString());
        Assert.True(script.Headers.CacheControl is { NoCache: true, Private: true, MaxAge: null });
        Assert.NotNull(script.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterRemoval.StatusCode);
        Assert.Equal(2, _registry.Downloads.Values.Sum());
    }

    [Fact]
    public async Task Register_WrongIntegrity_RefusedAndNothingKept()
    {
        var package = NewPackage();
        _registry.Publish(package, "1.0.0", NpmRegistry.Tarball(("package/index.js", "evil()")), integrity: NpmRegistry.IntegrityOf([1, 2, 3]));
        await using var host = WidgetHost("a");
        using var api = new ApiClient(host.CreateClient());
        var admin = await cluster.NewAdminAsync(api);

        using var registered = await api.SendJsonAsync(HttpMethod.Post, "/api/admin/widgets", new { package, version = "1.0.0" }, admin);
        var listed = await api.GetJsonAsync("/api/widgets/", admin);

        await registered.AssertProblemAsync(422, "unprocessable:widgets");
        Assert.Contains("does not match its integrity", (await registered.JsonAsync()).GetProperty("detail").GetString());
        Assert.DoesNotContain(listed.EnumerateArray(), entry => entry.GetProperty("package").GetString() == package);
        Assert.Empty(Directory.EnumerateFiles(_cacheRoot, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Register_TarballLeavingTheBundle_RefusedWithNoFileWritten()
    {
        var package = NewPackage();
        _registry.Publish(package, "1.0.0", NpmRegistry.Tarball(("package/index.js", "ok"), ("package/../../escaped.js", "evil()")));
        _registry.Publish(package, "1.0.1", NpmRegistry.Tarball(("/etc/absolute.js", "evil()")));
        await using var host = WidgetHost("a");
        using var api = new ApiClient(host.CreateClient());
        var admin = await cluster.NewAdminAsync(api);

        using var traversal = await api.SendJsonAsync(HttpMethod.Post, "/api/admin/widgets", new { package, version = "1.0.0" }, admin);
        using var absolute = await api.SendJsonAsync(HttpMethod.Post, "/api/admin/widgets", new { package, version = "1.0.1" }, admin);

        await traversal.AssertProblemAsync(422, "unprocessable:widgets");
        Assert.Contains("'..'", (await traversal.JsonAsync()).GetProperty("detail").GetString());
        await absolute.AssertProblemAsync(422, "unprocessable:widgets");
        Assert.Empty(Directory.EnumerateFiles(_cacheRoot, "*", SearchOption.AllDirectories));
        Assert.False(File.Exists(Path.Combine(_cacheRoot, "escaped.js")));
    }

    [Fact]
    public async Task Register_OutsideAllowedScopesOrHosts_RefusedSayingWhatToSet()
    {
        var package = NewPackage();
        _registry.Publish(package, "1.0.0", NpmRegistry.Tarball(("package/index.js", "ok")), tarballHost: "localhost");
        await using var host = WidgetHost("a");
        using var api = new ApiClient(host.CreateClient());
        var admin = await cluster.NewAdminAsync(api);

        using var otherScope = await api.SendJsonAsync(HttpMethod.Post, "/api/admin/widgets", new { package = "@elsewhere/clock", version = "1.0.0" }, admin);
        using var range = await api.SendJsonAsync(HttpMethod.Post, "/api/admin/widgets", new { package, version = "^1.0.0" }, admin);
        using var otherHost = await api.SendJsonAsync(HttpMethod.Post, "/api/admin/widgets", new { package, version = "1.0.0" }, admin);
        using var unknown = await api.SendJsonAsync(HttpMethod.Post, "/api/admin/widgets", new { package, version = "9.9.9" }, admin);

        await otherScope.AssertProblemAsync(400, "bad_request:widgets");
        Assert.Contains("Widgets:AllowedScopes", (await otherScope.JsonAsync()).GetProperty("detail").GetString());
        await range.AssertProblemAsync(400, "bad_request:widgets");
        await otherHost.AssertProblemAsync(400, "bad_request:widgets");
        Assert.Contains("Widgets:AllowedHosts", (await otherHost.JsonAsync()).GetProperty("detail").GetString());
        await unknown.AssertProblemAsync(404, "not_found:widgets");
    }

    [Fact]
    public async Task Cache_OverItsBound_EvictsLeastRecentlyUsedAndDownloadsAgainOnUse()
    {
        var first = NewPackage();
        var second = NewPackage();
        _registry.Publish(first, "1.0.0", NpmRegistry.Tarball(("package/data.txt", RandomText(700_000))));
        _registry.Publish(second, "1.0.0", NpmRegistry.Tarball(("package/data.txt", RandomText(700_000))));
        await using var host = WidgetHost("a", new() { ["Widgets:MaxCacheBytes"] = (1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        using var api = new ApiClient(host.CreateClient());
        var admin = await cluster.NewAdminAsync(api);
        var cache = host.Services.GetRequiredService<WidgetCache>();

        using (await api.SendJsonAsync(HttpMethod.Post, "/api/admin/widgets", new { package = first, version = "1.0.0" }, admin))
        {
        }

        using (await api.SendJsonAsync(HttpMethod.Post, "/api/admin/widgets", new { package = second, version = "1.0.0" }, admin))
        {
        }

        var afterBoth = cache.CachedBytes;
        using var again = await api.GetAsync($"/api/widgets/{first}/1.0.0/files/data.txt", admin);

        Assert.Equal(700_000, afterBoth);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(700_000, (await again.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal(2, _registry.Downloads.Single(download => download.Key.Contains(first.TrimStart('@').Replace('/', '-'), StringComparison.Ordinal)).Value);
        Assert.Equal(700_000, cache.CachedBytes);
    }

    private static async Task<HttpResponseMessage> RevalidateAsync(ApiClient api, string path, string token, System.Net.Http.Headers.EntityTagHeaderValue? tag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", token);
        if (tag is not null)
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        return await api.Http.SendAsync(request);
    }

    private static string NewPackage() => $"@test/widget-{Guid.NewGuid():N}";

    private static string RandomText(int length) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(length))[..length];

    private WebApplicationFactory<Program> WidgetHost(string cache, Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Widgets:Registry"] = _registry.BaseUrl,
            ["Widgets:AllowedHosts:0"] = "127.0.0.1",
            ["Widgets:AllowedScopes:0"] = "@test",
            ["Widgets:CacheDirectory"] = Path.Combine(_cacheRoot, cache),
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return cluster.CreateApiHost(settings);
    }
}
