using System.Net;
using System.Net.Http.Json;
using Cluster.ApiHost.Admin;
using Cluster.ApiHost.Groups;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Cluster.ApiHost.Tests.Admin;

[Collection(IdentityClusterCollection.Name)]
public sealed class AuditTrailTests(IdentityClusterFixture cluster)
{
    [Fact]
    public async Task StateChange_ByAnAdmin_IsRecordedWithActorOutcomeAndCorrelationId()
    {
        using var api = cluster.Client();
        var tokens = await api.RegisterNewAsync();
        await cluster.PromoteAsync(tokens.User.Id);
        var correlationId = $"audit-{Guid.NewGuid():N}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/groups") { Content = JsonContent.Create(new GroupRequest($"Audited {Guid.NewGuid():N}", null)) };
        request.Headers.Authorization = new("Bearer", tokens.AccessToken);
        request.Headers.Add("X-Correlation-ID", correlationId);
        using var created = await api.Http.SendAsync(request);

        var entry = await FindAsync(api, tokens.AccessToken, $"actor={tokens.User.Id}", correlationId);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(("POST /api/admin/groups", 201, tokens.User.Id), (entry.Action, entry.Outcome, entry.ActorId));
    }

    [Fact]
    public async Task FailedLogin_IsRecordedWithoutAnActor()
    {
        using var api = cluster.Client();
        var admin = await api.RegisterNewAsync();
        await cluster.PromoteAsync(admin.User.Id);
        var correlationId = $"login-{Guid.NewGuid():N}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { email = ApiClient.NewEmail(), password = "wrong password here" }) };
        request.Headers.Add("X-Correlation-ID", correlationId);
        using var login = await api.Http.SendAsync(request);

        var entry = await FindAsync(api, admin.AccessToken, "action=POST%20/api/auth/login", correlationId);

        Assert.Equal((401, null), (entry.Outcome, entry.ActorId));
    }

    [Fact]
    public async Task StateChange_HostStoppedRightAfter_IsStillRecorded()
    {
        using var api = cluster.Client();
        var admin = await api.RegisterNewAsync();
        await cluster.PromoteAsync(admin.User.Id);
        var correlationId = $"stop-{Guid.NewGuid():N}";
        await using (var host = cluster.CreateApiHost())
        {
            using var client = host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
            request.Headers.Add("X-Correlation-ID", correlationId);
            using var logout = await client.SendAsync(request);
        }

        var entry = await FindAsync(api, admin.AccessToken, "action=POST%20/api/auth/logout", correlationId);

        Assert.Equal(200, entry.Outcome);
    }

    private static async Task<AuditEntryResponse> FindAsync(ApiClient api, string adminToken, string filter, string correlationId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            string? cursor = null;
            do
            {
                using var response = await api.GetAsync($"/api/admin/audit?{filter}&limit=200{(cursor is null ? string.Empty : $"&cursor={cursor}")}", bearer: adminToken);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var page = (await response.Content.ReadFromJsonAsync<AuditPageResponse>())!;
                if (page.Entries.FirstOrDefault(entry => entry.CorrelationId == correlationId) is { } found)
                {
                    return found;
                }

                cursor = page.NextCursor;
            }
            while (cursor is not null);

            await Task.Delay(200);
        }

        throw new TimeoutException($"No audit entry with correlation id {correlationId}.");
    }
}
