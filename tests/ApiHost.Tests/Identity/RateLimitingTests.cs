using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Cluster.ApiHost.Tests.Identity;

[Collection(IdentityClusterCollection.Name)]
public sealed class RateLimitingTests(IdentityClusterFixture cluster)
{
    [Fact]
    public async Task Register_OverTheLimitAcrossTwoApiHosts_IsRefusedWithRetryAfter()
    {
        var address = ClientAddressStartupFilter.NewAddress();
        var settings = new Dictionary<string, string?> { ["RateLimiting:Policies:register:Limit"] = "3" };
        await using var firstHost = cluster.CreateApiHost(settings, address);
        await using var secondHost = cluster.CreateApiHost(settings, address);
        using var first = Client(firstHost);
        using var second = Client(secondHost);

        var allowed = new List<HttpResponseMessage>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            allowed.Add(await (attempt % 2 == 0 ? first : second).RegisterAsync(ApiClient.NewEmail()));
        }

        using var refused = await second.RegisterAsync(ApiClient.NewEmail());

        Assert.All(allowed, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(["2", "1", "0"], allowed.Select(response => Assert.Single(response.Headers.GetValues("X-RateLimit-Remaining"))));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("0", Assert.Single(refused.Headers.GetValues("X-RateLimit-Remaining")));
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
        Assert.Equal("rate_limit:api", (await refused.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Api_PerUserLimitWithLeasesOnTwoApiHosts_AllowsExactlyTheLimit()
    {
        var settings = new Dictionary<string, string?>
        {
            ["RateLimiting:Policies:api:Limit"] = "7",
            ["RateLimiting:Policies:api:LeaseSize"] = "3",
        };
        await using var firstHost = cluster.CreateApiHost(settings, ClientAddressStartupFilter.NewAddress());
        await using var secondHost = cluster.CreateApiHost(settings, ClientAddressStartupFilter.NewAddress());
        using var first = Client(firstHost);
        using var second = Client(secondHost);
        var tokens = await cluster.Client().RegisterNewAsync();

        var statuses = new List<HttpStatusCode>();
        for (var request = 0; request < 12; request++)
        {
            using var response = await (request % 2 == 0 ? first : second).GetAsync("/api/users/me", bearer: tokens.AccessToken);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(7, statuses.Count(status => status == HttpStatusCode.OK));
        Assert.Equal(5, statuses.Count(status => status == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Login_UnknownEmailFailingAsOftenAsALockout_IsRefusedLikeALockedAccount()
    {
        using var api = cluster.Client();
        var known = ApiClient.NewEmail();
        await api.RegisterNewAsync(known);
        var unknown = ApiClient.NewEmail();

        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrongKnown = await api.LoginAsync(known, "not the password at all");
            using var wrongUnknown = await api.LoginAsync(unknown, "not the password at all");
        }

        using var lockedKnown = await api.LoginAsync(known, "not the password at all");
        using var lockedUnknown = await api.LoginAsync(unknown, "not the password at all");

        Assert.Equal(HttpStatusCode.TooManyRequests, lockedKnown.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, lockedUnknown.StatusCode);
        Assert.Equal(await DetailAsync(lockedKnown), await DetailAsync(lockedUnknown));
    }

    [Fact]
    public void Start_ZeroLimit_FailsNamingThePolicy()
    {
        using var host = cluster.CreateApiHost(new Dictionary<string, string?> { ["RateLimiting:Policies:login:Limit"] = "0" });

        var exception = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains("RateLimiting:Policies:login:Limit is 0", exception.Message, StringComparison.Ordinal);
    }

    private static async Task<string?> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("detail").GetString();

    private static ApiClient Client(WebApplicationFactory<Program> host) =>
        new(host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false }));
}
