using System.Net;
using System.Net.Http.Json;
using Cluster.ApiHost.Demo;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Storage;
using Cluster.Runtime.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Cluster.ApiHost.Tests;

public sealed class ClientModeTests
{
    [Fact]
    public async Task Increment_ApiHostAsClientOfASeparateSilo_ReachesTheSilosGrain()
    {
        var database = EmbeddedApiHostFactory.NewDatabasePath();
        await using var silo = await TestSilo.StartAsync(configureSilo: builder => builder
            .AddSqliteGrainStorage(GrainStorageNames.Default, options => options.FilePath = database)
            .AddGateway(options => options.Port = 0));
        var port = silo.GatewayEndpoint!.Port;
        await using var api = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Cluster:Mode", "Client");
            builder.UseSetting("ClusterClient:Gateways:0", $"127.0.0.1:{port}");
        });
        using var client = api.CreateClient();
        var name = $"c-{Guid.NewGuid():N}";

        var ready = await client.GetAsync("/health/ready");
        var incremented = await client.PostAsJsonAsync($"/api/demo/counters/{name}/increment", new IncrementCounterRequest(7));
        var counter = await incremented.Content.ReadFromJsonAsync<CounterResponse>();

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, incremented.StatusCode);
        Assert.Equal(7, counter!.Value);
    }

    [Fact]
    public void Start_UnknownClusterMode_FailsNamingTheSetting()
    {
        using var api = new WebApplicationFactory<Program>().WithWebHostBuilder(builder => builder.UseSetting("Cluster:Mode", "Mesh"));

        var exception = Assert.ThrowsAny<Exception>(() => api.CreateClient());

        Assert.Contains("Cluster:Mode is 'Mesh'", exception.ToString(), StringComparison.Ordinal);
    }
}
