using System.Net;
using System.Net.Http.Json;
using Cluster.ApiHost.Demo;
using Cluster.ApiHost.Tests.Chats;
using Cluster.Runtime.Reminders;
using Cluster.Runtime.Testing;

namespace Cluster.ApiHost.Tests.Dashboard;

/// <summary>The dashboard's reminders, through an API host in client mode over two silos.</summary>
[Collection(IdentityClusterCollection.Name)]
public sealed class DashboardReminderTests(IdentityClusterFixture cluster)
{
    [Fact]
    public async Task Reminders_OfAScheduledCounter_ListedWithTheirScheduleTicksAndSilo()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var name = $"dash-{Guid.NewGuid():N}";
        var period = IdentityClusterFixture.ReminderMinimumPeriod;
        using (await api.SendAsync(HttpMethod.Put, $"/api/demo/counters/{name}/schedule", JsonContent.Create(new ScheduleCounterRequest(1, (int)period.TotalSeconds)), admin))
        {
        }

        ReminderStatus? listed = null;
        await Eventually.WaitUntilAsync(
            async () =>
            {
                using var response = await api.GetAsync($"/dashboard/api/reminders?q={name}", admin);
                var overview = await response.Content.ReadFromJsonAsync<ReminderOverview>();
                listed = overview!.Reminders.SingleOrDefault();
                return listed is { Ticks: > 0 };
            },
            TimeSpan.FromSeconds(30),
            "the reminder to be listed with a delivered tick");

        Assert.Equal($"counter/{name}", listed!.GrainId);
        Assert.Equal("scheduled-increment", listed.ReminderName);
        Assert.Equal(period, listed.Period);
        Assert.True(listed.NextTickTime > listed.LastTickTime, "the next tick is after the last");
        Assert.Contains(listed.Silo, cluster.Cluster.Silos.Select(silo => TestCluster.AddressOf(silo).ToString()));
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    public async Task Reminders_LimitOutOfRange_Returns400Problem(string query)
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);

        using var response = await api.GetAsync($"/dashboard/api/reminders?{query}", admin);
        var problem = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("limit from 1 to 1000", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reminders_NotSignedIn_Returns401()
    {
        using var api = cluster.Client();

        using var response = await api.GetAsync("/dashboard/api/reminders");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
