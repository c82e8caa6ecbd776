using System.Net;
using Cluster.Grains.Interfaces.Demo;
using Cluster.Runtime.Core;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.Silo.Tests;

public sealed class SiloProcessTests
{
    [Fact]
    public async Task Start_OnPostgres_IsReadyAndServesGrains()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Gateway:Port", "0");
            builder.UseSetting("Storage:Provider", "Postgres");
            builder.UseSetting("Storage:Postgres:ConnectionString", TestPostgres.ConnectionString());
        });
        using var client = factory.CreateClient();

        var ready = await client.GetAsync("/health/ready");
        var counter = await factory.Services.GetRequiredService<IClusterClient>().GetGrain<ICounterGrain>($"c-{Guid.NewGuid():N}").IncrementAsync(3);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(3, counter.Value);
    }

    [Fact]
    public async Task Start_UnknownStorageProvider_FailsNamingTheSetting()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Gateway:Port", "0");
            builder.UseSetting("Storage:Provider", "Cassandra");
        });

        var exception = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Storage:Provider", exception.ToString(), StringComparison.Ordinal);
    }
}
