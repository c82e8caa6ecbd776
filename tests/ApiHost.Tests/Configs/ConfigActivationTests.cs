using System.Net;
using System.Text.Json;
using Cluster.ApiHost.Tests.Channels;
using Cluster.ApiHost.Tests.Chats;
using Cluster.Grains.Interfaces.Configs;
using Cluster.Runtime.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Cluster.ApiHost.Tests.Configs;

[Collection(IdentityClusterCollection.Name)]
public sealed class ConfigActivationTests(IdentityClusterFixture cluster)
{
    [Fact]
    public async Task ReportActivation_Failure_RollsBackToLastKnownGoodUntilAChosenVersionWorks()
    {
        using var api = cluster.Client();
        using var other = cluster.Client(second: true);
        var admin = await cluster.NewAdminAsync(api);
        var name = ConfigApi.NewName();
        await api.SaveAsync(admin, name, new { port = 80 });
        using (var good = await api.ReportAsync(admin, name, "1.0.0", success: true))
        {
            Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        }

        using var events = await ChannelEvents.OpenAsync(other, ConfigNames.ChannelOf(name), admin);
        await api.SaveAsync(admin, name, new { port = 81 });
        var pushed = await events.NextMessageAsync();
        using var failed = await api.ReportAsync(admin, name, "1.0.1", success: false, error: "port 81 is in use");
        var rollback = await events.NextMessageAsync();
        var recovering = await api.VersionsAsync(admin, name);
        using var rolledBackWorks = await api.ReportAsync(admin, name, "1.0.0", success: true);
        var stillRecovering = await api.VersionsAsync(admin, name);
        using var stale = await api.ReportAsync(admin, name, "1.0.1", success: true);
        await api.SaveAsync(admin, name, new { port = 82 });
        using var fixedReport = await api.ReportAsync(admin, name, "1.0.2", success: true);
        var recovered = await api.VersionsAsync(admin, name);

        Assert.Equal("1.0.1", pushed.GetProperty("payload").GetProperty("version").GetString());
        Assert.False(pushed.GetProperty("payload").GetProperty("isRollback").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        Assert.Equal("1.0.0", rollback.GetProperty("payload").GetProperty("version").GetString());
        Assert.True(rollback.GetProperty("payload").GetProperty("isRollback").GetBoolean());
        Assert.Equal("1.0.0", recovering.GetProperty("active").GetString());
        Assert.True(recovering.GetProperty("recoveryMode").GetBoolean());
        Assert.Contains("port 81 is in use", recovering.GetProperty("recoveryReason").GetString());
        Assert.Contains("rolled back to 1.0.0", recovering.GetProperty("recoveryReason").GetString());
        Assert.Equal(HttpStatusCode.OK, rolledBackWorks.StatusCode);
        Assert.True(stillRecovering.GetProperty("recoveryMode").GetBoolean());
        await stale.AssertProblemAsync(409, "conflict:config");
        Assert.Equal(HttpStatusCode.OK, fixedReport.StatusCode);
        Assert.False(recovered.GetProperty("recoveryMode").GetBoolean());
        Assert.Equal("1.0.2", recovered.GetProperty("lastKnownGood").GetString());
        Assert.Equal("1.0.2", recovered.GetProperty("active").GetString());
    }

    [Fact]
    public async Task ReportActivation_FailureAfterAnotherConsumersSuccess_RollsBackToTheVersionGoodBefore()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var name = ConfigApi.NewName();
        await api.SaveAsync(admin, name, new { port = 80 });
        using (await api.ReportAsync(admin, name, "1.0.0", success: true))
        {
        }

        await api.SaveAsync(admin, name, new { port = 81 });
        using var worksOnOne = await api.ReportAsync(admin, name, "1.0.1", success: true);
        var confirmedOnce = await api.VersionsAsync(admin, name);
        using var failsOnAnother = await api.ReportAsync(admin, name, "1.0.1", success: false, error: "port 81 is in use");
        var after = await api.VersionsAsync(admin, name);

        Assert.Equal(HttpStatusCode.OK, worksOnOne.StatusCode);
        Assert.Equal("1.0.1", confirmedOnce.GetProperty("lastKnownGood").GetString());
        Assert.Equal(HttpStatusCode.OK, failsOnAnother.StatusCode);
        Assert.Equal("1.0.0", after.GetProperty("active").GetString());
        Assert.Equal("1.0.0", after.GetProperty("lastKnownGood").GetString());
        Assert.True(after.GetProperty("recoveryMode").GetBoolean());
        Assert.Contains("rolled back to 1.0.0", after.GetProperty("recoveryReason").GetString());
    }

    [Fact]
    public async Task ActivateEndpoints_WithAProducerTheSilosRefuse_RollsBackThenAnAllowedProducerPublishes()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var reader = await api.RegisterNewAsync();
        await using var source = await TickSource.StartAsync();
        var channel = $"ticks-{Guid.NewGuid():N}";
        var before = await api.VersionsAsync(admin, ConfigNames.Endpoints);
        var previous = before.GetProperty("active").GetString();
        try
        {
            var refused = await api.SaveAsync(admin, ConfigNames.Endpoints, new { producers = new[] { new { channel, url = "http://producers.invalid/data" } } });
            var rolledBack = await WaitForStatusAsync(api, admin, status => status.GetProperty("recoveryMode").GetBoolean() && status.GetProperty("active").GetString() == previous);
            using (var activations = await ChannelEvents.OpenAsync(api, ConfigNames.ChannelOf(ConfigNames.Endpoints), admin))
            {
                // The same version once more: each silo reports it again, so it is rolled back again.
                using var again = await api.SendAsync(HttpMethod.Post, $"/api/config/{ConfigNames.Endpoints}/activate/{refused.GetProperty("version").GetString()}", bearer: admin);
                var reactivated = await activations.NextMessageAsync();
                var rollbackAgain = await activations.NextMessageAsync(TimeSpan.FromSeconds(20));

                Assert.Equal(HttpStatusCode.OK, again.StatusCode);
                Assert.Equal(refused.GetProperty("version").GetString(), reactivated.GetProperty("payload").GetProperty("version").GetString());
                Assert.True(rollbackAgain.GetProperty("payload").GetProperty("isRollback").GetBoolean());
                Assert.Equal(previous, rollbackAgain.GetProperty("payload").GetProperty("version").GetString());
            }

            using var events = await ChannelEvents.OpenAsync(api, channel, reader.AccessToken);
            var allowed = await api.SaveAsync(admin, ConfigNames.Endpoints, new { producers = new[] { new { channel, url = $"{source.BaseUrl}data", intervalSeconds = 1 } } });
            var tick = await events.NextMessageAsync(TimeSpan.FromSeconds(20));
            var recovered = await WaitForStatusAsync(api, admin, status => !status.GetProperty("recoveryMode").GetBoolean());

            Assert.Contains("Channels:Producers:AllowedHosts", rolledBack.GetProperty("recoveryReason").GetString());
            Assert.Contains(refused.GetProperty("version").GetString()!, rolledBack.GetProperty("recoveryReason").GetString());
            Assert.True(tick.GetProperty("payload").GetProperty("tick").GetInt32() >= 1);
            Assert.Equal($"producer:{channel}", tick.GetProperty("publisher").GetString());
            Assert.Equal(allowed.GetProperty("version").GetString(), recovered.GetProperty("lastKnownGood").GetString());
        }
        finally
        {
            await api.SaveAsync(admin, ConfigNames.Endpoints, new { channels = new { }, producers = Array.Empty<object>() });
        }
    }

    private static async Task<JsonElement> WaitForStatusAsync(ApiClient api, string admin, Func<JsonElement, bool> condition)
    {
        JsonElement status = default;
        await Eventually.WaitUntilAsync(
            async () =>
            {
                status = await api.VersionsAsync(admin, ConfigNames.Endpoints);
                return condition(status);
            },
            TimeSpan.FromSeconds(20),
            "the silos to report on the endpoints version");
        return status;
    }

    // A JSON source on a loopback port that counts its reads.
    private sealed class TickSource(WebApplication app, string baseUrl) : IAsyncDisposable
    {
        public string BaseUrl => baseUrl;

        public static async Task<TickSource> StartAsync()
        {
            var ticks = 0;
            var (app, address) = await LoopbackServer.StartAsync(app => app.MapGet("/data", () => Results.Json(new { tick = Interlocked.Increment(ref ticks) })));
            return new TickSource(app, $"{address}/");
        }

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }
}
