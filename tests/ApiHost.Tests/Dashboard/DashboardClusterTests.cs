using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Cluster.Dashboard.Access;
using Cluster.Dashboard.Endpoints;
using Cluster.Dashboard.Sampling;
using Cluster.Runtime.Core;
using Cluster.Runtime.Diagnostics;
using Cluster.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.ApiHost.Tests.Dashboard;

/// <summary>The dashboard of an API host in client mode over two silos, used by an administrator.</summary>
[Collection(IdentityClusterCollection.Name)]
public sealed class DashboardClusterTests(IdentityClusterFixture cluster)
{
    [Fact]
    public async Task Stream_AdministratorWatching_SamplesShowBothSilosWithLiveFigures()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        using (await api.SendAsync(HttpMethod.Post, $"/api/demo/counters/{Probe()}/increment", JsonContent.Create(new { amount = 1 })))
        {
        }

        var sample = await FirstSampleAsync(api, admin);

        var silos = cluster.Cluster.Silos.Select(silo => TestCluster.AddressOf(silo).ToString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(silos, sample.Silos.Select(silo => silo.Silo).Order(StringComparer.Ordinal));
        Assert.All(sample.Silos, silo =>
        {
            Assert.Null(silo.Error);
            Assert.Equal("Active", silo.Status);
            Assert.True(silo.WorkingSetBytes > 0);
            Assert.True(silo.ThreadPoolThreads > 0);
            Assert.True(silo.Connections > 0, "the API host and the other silo are connected");

            // The silo's own report grain is one of its activations.
            Assert.True(silo.Activations >= 1);
        });
        Assert.True(sample.PeriodSeconds > 0);
        Assert.Equal(2, sample.Members.Count(member => member.Status == "Active"));
        Assert.Contains(sample.GrainTypes, type => type.GrainType == "silo-report" && type.ActivationsBySilo.Count == 2);

        // Collection starts with the first sample, so the calls seen are those since: each sample's members query among them.
        Assert.Contains(sample.Methods, method => method is { GrainType: "cluster-members", Method: "GetMembersAsync" } && method.Calls.PerSecond > 0);
    }

    [Fact]
    public async Task LookUp_GrainCalledThroughTheApi_FoundOnItsSiloAndDeactivatedThere()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var key = Probe();
        using (await api.SendAsync(HttpMethod.Post, $"/api/demo/counters/{key}/increment", JsonContent.Create(new { amount = 1 })))
        {
        }

        var grain = new GrainId("counter", key);
        var host = cluster.Cluster.Silos.Single(silo => silo.Services.GetRequiredService<SiloStatistics>().IsActive(grain));

        using var lookup = await api.GetAsync($"/dashboard/api/grains/counter/{key}", admin);
        var found = await lookup.Content.ReadFromJsonAsync<GrainLookupResponse>();
        using var deactivation = await SendWithIntentAsync(api, HttpMethod.Post, $"/dashboard/api/grains/counter/{key}/deactivate", admin);
        var deactivated = await deactivation.Content.ReadFromJsonAsync<GrainDeactivationResponse>();

        Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
        Assert.Equal(TestCluster.AddressOf(host).ToString(), found!.Silo);
        Assert.Equal(2, found.SilosAsked);
        Assert.Equal(HttpStatusCode.OK, deactivation.StatusCode);
        Assert.Equal(found.Silo, deactivated!.Silo);
        Assert.False(host.Services.GetRequiredService<SiloStatistics>().IsActive(grain));
    }

    [Fact]
    public async Task Deactivate_GrainActiveNowhere_Returns404Problem()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);

        using var response = await SendWithIntentAsync(api, HttpMethod.Post, $"/dashboard/api/grains/counter/{Probe()}/deactivate", admin);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("not active on any silo", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deactivate_WithoutTheIntentHeader_Returns400Problem()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);

        using var response = await api.SendAsync(HttpMethod.Post, $"/dashboard/api/grains/counter/{Probe()}/deactivate", bearer: admin);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(DashboardAccess.IntentHeader, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LookUp_GrainTypeWithASlash_Returns400Problem()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);

        using var response = await api.GetAsync("/dashboard/api/grains/%2Fcounter/k", admin);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Samples_AnonymousOrRegularUser_Returns401Problem(bool signedIn)
    {
        using var api = cluster.Client();
        var bearer = signedIn ? (await api.RegisterNewAsync()).AccessToken : null;

        using var response = await api.GetAsync("/dashboard/api/samples", bearer);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Stream_LastWatcherLeaves_SamplingStops()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var sampler = cluster.First.Services.GetRequiredService<DashboardSampler>();

        await FirstSampleAsync(api, admin);

        await Eventually.WaitUntilAsync(() => Task.FromResult(!sampler.IsSampling), TimeSpan.FromSeconds(10), "nobody watches, so nothing is sampled");
        Assert.NotEmpty(sampler.History);
    }

    private static string Probe() => $"dash-{Guid.NewGuid():N}";

    private static async Task<HttpResponseMessage> SendWithIntentAsync(ApiClient api, HttpMethod method, string path, string bearer)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        request.Headers.Add(DashboardAccess.IntentHeader, "1");
        return await api.Http.SendAsync(request);
    }

    // The history event comes first; the first live sample follows it.
    private static Task<ClusterSample> FirstSampleAsync(ApiClient api, string bearer) =>
        DashboardEvents.FirstAsync<ClusterSample>(api, bearer, "/dashboard/api/stream", "sample", _ => true);
}
