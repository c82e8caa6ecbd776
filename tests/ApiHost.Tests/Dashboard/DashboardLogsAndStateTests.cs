using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cluster.ApiHost.Tests.Chats;
using Cluster.Dashboard.Endpoints;
using Cluster.Runtime.Core;
using Cluster.Runtime.Diagnostics;
using Cluster.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cluster.ApiHost.Tests.Dashboard;

/// <summary>The dashboard's log stream and grain state, through an API host in client mode over two silos.</summary>
[Collection(IdentityClusterCollection.Name)]
public sealed class DashboardLogsAndStateTests(IdentityClusterFixture cluster)
{
    [Fact]
    public async Task LogStream_WarningsOnEachSilo_StreamedFilteredRedactedWithTheirSilo()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var marker = $"marker-{Guid.NewGuid():N}";
        var seen = new List<LogLine>();
        var streaming = DashboardEvents.FirstAsync<LogBatch>(api, admin, $"/dashboard/api/logs/stream?level=warning&q={marker}", "logs", batch =>
        {
            seen.AddRange(batch.Lines);
            return seen.Select(line => line.Source).Distinct().Count() == cluster.Cluster.Silos.Count;
        });

        // Silos keep lines only once the stream has read them.
        await Eventually.WaitUntilAsync(
            () => Task.FromResult(cluster.Cluster.Silos.All(silo => silo.Services.GetRequiredService<RecentLogs>().IsWatched)),
            TimeSpan.FromSeconds(15),
            "both silos to be read by the stream");
        foreach (var silo in cluster.Cluster.Silos)
        {
            var logger = silo.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Cluster.Tests.Dashboard");
            logger.LogInformation("{Marker} below the filter", marker);
            logger.LogWarning("{Marker} signing in with password=hunter2", marker);
        }

        await streaming;

        var silos = cluster.Cluster.Silos.Select(silo => TestCluster.AddressOf(silo).ToString()).Order(StringComparer.Ordinal);
        Assert.Equal(silos, seen.Select(line => line.Source).Order(StringComparer.Ordinal));
        Assert.All(seen, line =>
        {
            Assert.Equal("Warning", line.Entry.Level);
            Assert.Equal("Cluster.Tests.Dashboard", line.Entry.Category);
            Assert.Equal($"{marker} signing in with password=[redacted]", line.Entry.Message);
        });
    }

    [Fact]
    public async Task LogStream_UnknownLevel_Returns400Problem()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);

        using var response = await api.GetAsync("/dashboard/api/logs/stream?level=loud", admin);
        var problem = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Trace, Debug, Information", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task State_OfACounterCalledThroughTheApi_ShownAsStoredOnItsSilo()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var key = $"dash-{Guid.NewGuid():N}";
        for (var call = 0; call < 2; call++)
        {
            using (await api.SendAsync(HttpMethod.Post, $"/api/demo/counters/{key}/increment", JsonContent.Create(new { amount = 2 })))
            {
            }
        }

        var host = cluster.Cluster.Silos.Single(silo => silo.Services.GetRequiredService<SiloStatistics>().IsActive(new GrainId("counter", key)));

        using var response = await api.GetAsync($"/dashboard/api/grains/counter/{key}/state", admin);
        var body = await response.Content.ReadFromJsonAsync<GrainStateResponse>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestCluster.AddressOf(host).ToString(), body!.Silo);
        var state = Assert.Single(body.States);
        Assert.Equal("counter", state.StateName);
        Assert.True(state.RecordExists);
        Assert.NotNull(state.ETag);
        using var json = JsonDocument.Parse(state.Json);
        Assert.Equal(4, json.RootElement.GetProperty("value").GetInt64());
    }

    [Fact]
    public async Task State_GrainActiveNowhere_Returns404Problem()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);

        using var response = await api.GetAsync($"/dashboard/api/grains/counter/never-{Guid.NewGuid():N}/state", admin);
        var problem = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("call it once", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
