using System.Net;
using System.Net.Http.Json;
using Cluster.ApiHost.Demo;
using Cluster.ApiHost.Tests.Chats;
using Cluster.Runtime.Testing;

namespace Cluster.ApiHost.Tests.Demo;

/// <summary>The demo counter's scheduled increment: a durable reminder behind an API route, on the two-silo cluster.</summary>
[Collection(IdentityClusterCollection.Name)]
public sealed class CounterScheduleTests(IdentityClusterFixture cluster)
{
    private static readonly int EverySeconds = (int)IdentityClusterFixture.ReminderMinimumPeriod.TotalSeconds;

    [Fact]
    public async Task Schedule_AsAdmin_ValueGrowsWithoutCallsAndStopsWhenUnscheduled()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var name = $"scheduled-{Guid.NewGuid():N}";

        using var scheduled = await api.SendAsync(HttpMethod.Put, $"/api/demo/counters/{name}/schedule", JsonContent.Create(new ScheduleCounterRequest(5, EverySeconds)), admin);
        var counter = await scheduled.Content.ReadFromJsonAsync<CounterResponse>();
        Assert.Equal(HttpStatusCode.OK, scheduled.StatusCode);
        Assert.Equal(new CounterScheduleResponse(5, EverySeconds), counter!.Schedule);

        await Eventually.WaitUntilAsync(async () => (await ReadAsync(api, name)).Value >= 10, TimeSpan.FromSeconds(30), "two ticks of 5 to be applied");
        using var unscheduled = await api.SendAsync(HttpMethod.Delete, $"/api/demo/counters/{name}/schedule", bearer: admin);
        var stopped = await unscheduled.Content.ReadFromJsonAsync<CounterResponse>();
        await Task.Delay(IdentityClusterFixture.ReminderMinimumPeriod * 2);

        Assert.Equal(HttpStatusCode.OK, unscheduled.StatusCode);
        Assert.Null(stopped!.Schedule);
        Assert.Equal(0, stopped.Value % 5);
        Assert.Equal(stopped.Value, (await ReadAsync(api, name)).Value);
    }

    [Fact]
    public async Task Schedule_PeriodBelowTheClustersMinimum_Returns400SayingWhatItTakes()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var name = $"scheduled-{Guid.NewGuid():N}";

        using var response = await api.SendAsync(HttpMethod.Put, $"/api/demo/counters/{name}/schedule", JsonContent.Create(new ScheduleCounterRequest(1, 1)), admin);
        var problem = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Reminders:MinimumPeriod", problem.GetProperty("errors").GetProperty("everySeconds")[0].GetString(), StringComparison.Ordinal);
        Assert.Null((await ReadAsync(api, name)).Schedule);
    }

    [Theory]
    [InlineData(0, 10, "amount")]
    [InlineData(1, 0, "everySeconds")]
    [InlineData(1, 86_401, "everySeconds")]
    public async Task Schedule_OutOfRange_Returns400NamingTheField(int amount, int everySeconds, string field)
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);

        using var response = await api.SendAsync(HttpMethod.Put, $"/api/demo/counters/c-{Guid.NewGuid():N}/schedule", JsonContent.Create(new ScheduleCounterRequest(amount, everySeconds)), admin);
        var problem = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors name {field}");
    }

    [Fact]
    public async Task Schedule_NotAnAdmin_Refused()
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();

        using var signedIn = await api.SendAsync(HttpMethod.Put, $"/api/demo/counters/c-{Guid.NewGuid():N}/schedule", JsonContent.Create(new ScheduleCounterRequest(1, EverySeconds)), user.AccessToken);
        using var anonymous = await api.SendAsync(HttpMethod.Delete, $"/api/demo/counters/c-{Guid.NewGuid():N}/schedule");

        Assert.Equal(HttpStatusCode.Forbidden, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static async Task<CounterResponse> ReadAsync(ApiClient api, string name) =>
        (await api.Http.GetFromJsonAsync<CounterResponse>($"/api/demo/counters/{name}"))!;
}
