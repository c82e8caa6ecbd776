using System.Net;

namespace Cluster.ApiHost.Tests;

public sealed class HealthEndpointTests
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/health/ready")]
    public async Task Get_StartedHost_IsHealthy(string path)
    {
        await using var factory = new EmbeddedApiHostFactory(EmbeddedApiHostFactory.NewDatabasePath());
        using var client = factory.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
