using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cluster.ApiHost.Demo;

namespace Cluster.ApiHost.Tests.Demo;

public sealed class DemoEndpointTests
{
    [Fact]
    public async Task Increment_ThenRestartHost_ValueIsPersistedInSqlite()
    {
        var database = EmbeddedApiHostFactory.NewDatabasePath();
        var name = $"c-{Guid.NewGuid():N}";
        await using (var first = new EmbeddedApiHostFactory(database))
        {
            using var client = first.CreateClient();
            await PostIncrementAsync(client, name, 4);
            var response = await PostIncrementAsync(client, name, 6);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await using var second = new EmbeddedApiHostFactory(database);
        using var restarted = second.CreateClient();
        var counter = await restarted.GetFromJsonAsync<CounterResponse>($"/api/demo/counters/{name}");

        Assert.NotNull(counter);
        Assert.Equal(10, counter.Value);
        Assert.Equal(2, counter.Version);
    }

    [Fact]
    public async Task Get_NeverIncremented_ReturnsZero()
    {
        await using var factory = new EmbeddedApiHostFactory(EmbeddedApiHostFactory.NewDatabasePath());
        using var client = factory.CreateClient();

        var counter = await client.GetFromJsonAsync<CounterResponse>("/api/demo/counters/fresh");

        Assert.Equal(new CounterResponse("fresh", 0, 0, null), counter);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task Increment_AmountOutOfRange_Returns400NamingTheRange(int amount)
    {
        await using var factory = new EmbeddedApiHostFactory(EmbeddedApiHostFactory.NewDatabasePath());
        using var client = factory.CreateClient();

        var response = await PostIncrementAsync(client, "bounded", amount);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("between 1 and 1000", problem.GetProperty("errors").GetProperty("amount")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("has%20space")]
    [InlineData("quote%22")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task Get_InvalidName_Returns400(string name)
    {
        await using var factory = new EmbeddedApiHostFactory(EmbeddedApiHostFactory.NewDatabasePath());
        using var client = factory.CreateClient();

        var response = await client.GetAsync($"/api/demo/counters/{name}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("1 to 64 characters", problem.GetProperty("errors").GetProperty("name")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Increment_MalformedJson_Returns400ProblemDetails()
    {
        await using var factory = new EmbeddedApiHostFactory(EmbeddedApiHostFactory.NewDatabasePath());
        using var client = factory.CreateClient();

        var response = await client.PostAsync("/api/demo/counters/x/increment", new StringContent("{\"amount\":", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("as JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PostIncrementAsync(HttpClient client, string name, int amount) =>
        client.PostAsJsonAsync($"/api/demo/counters/{name}/increment", new IncrementCounterRequest(amount));
}
