using Cluster.Grains.Interfaces.Groups;
using Cluster.Grains.Interfaces.Plugins;
using Cluster.Grains.Plugins;
using Cluster.Runtime.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Tests.Plugins;

[Collection(IdentityClusterCollection.Name)]
public sealed class ServiceKeeperTests(IdentityClusterFixture cluster)
{
    [Fact]
    public async Task Start_ConfiguredService_IsRegisteredCheckedAndGetsItsAdminGroup()
    {
        await using var service = await FeatureService.StartAsync();
        var client = await cluster.Cluster.CreateClientAsync();
        var options = new PluginOptions { Services = { [service.Id] = service.BaseUrl }, HealthCheckInterval = TimeSpan.FromSeconds(1) };
        using var keeper = new ServiceKeeper(client, Options.Create(options), TimeProvider.System, NullLogger<ServiceKeeper>.Instance);

        await keeper.StartAsync(CancellationToken.None);
        await Eventually.WaitUntilAsync(
            async () => (await client.GetGrain<IServiceRegistryGrain>(IServiceRegistryGrain.Key).ListAsync()).Any(entry => entry.Id == service.Id && entry.Manifest is not null),
            TimeSpan.FromSeconds(15),
            "the configured service is registered with its manifest");
        await keeper.StopAsync(CancellationToken.None);
        var registered = await client.GetGrain<IServiceGrain>(service.Id).GetAsync();
        var adminGroup = await client.GetGrain<IGroupNameGrain>(GroupName.Normalize(ServiceIds.AdminGroup(service.Id))).GetGroupAsync();

        Assert.Equal(ServiceSource.Configuration, registered!.Source);
        Assert.Equal(ServiceHealthStatus.Healthy, registered.Health.Status);
        Assert.NotNull(adminGroup);
    }

    [Fact]
    public async Task Register_AdminThenConfiguration_KeepsTheAdminsRegistration()
    {
        await using var service = await FeatureService.StartAsync();
        var client = await cluster.Cluster.CreateClientAsync();
        var grain = client.GetGrain<IServiceGrain>(service.Id);

        await grain.RegisterAsync(new Uri(service.BaseUrl), ServiceSource.Admin);
        var again = await grain.RegisterAsync(new Uri("http://127.0.0.1:1/stale-configuration/"), ServiceSource.Configuration);

        Assert.Equal(ServiceSource.Admin, again.Source);
        Assert.Equal(new Uri(service.BaseUrl), again.BaseUrl);
        Assert.Equal(ServiceHealthStatus.Healthy, again.Health.Status);
        Assert.Equal(1, again.ManifestRevision);
    }
}
