using Cluster.Runtime.Hosting;
using Cluster.Runtime.Messaging;
using Cluster.Runtime.Testing;
using Cluster.Runtime.Tests.Grains;
using Cluster.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Tests.Hosting;

public sealed class SiloHostingTests
{
    [Fact]
    public async Task StartAsync_ResponseTimeoutZero_FailsNamingTheSetting()
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            TestSilo.StartAsync(options => options.ResponseTimeout = TimeSpan.Zero));

        Assert.Contains("Silo:ResponseTimeout is 00:00:00; set it between", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_CollectionAgeBelowTwoQuanta_FailsNamingBothSettings()
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            TestSilo.StartAsync(options => options.CollectionAge = TimeSpan.FromSeconds(30)));

        Assert.Contains("Silo:CollectionAge", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Silo:CollectionQuantum", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_GrainStorageNotRegistered_FailsNamingGrainAndStorage()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseSilo();
        using var host = builder.Build();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("LifecycleGrain uses 'Default'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseSilo_CalledTwice_Throws()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseSilo();

        Assert.Throws<InvalidOperationException>(() => builder.UseSilo());
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Call_AfterShutdown_FailsWithSiloUnavailable()
    {
        var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ICallGrain>(Probe.NewKey());
        await grain.EchoAsync("before");

        await silo.StopAsync();

        await Assert.ThrowsAsync<SiloUnavailableException>(() => grain.EchoAsync("after"));
        await silo.DisposeAsync();
    }

    [Fact]
    public async Task GrainFactory_ResolvedFromServices_IsTheClusterClient()
    {
        await using var silo = await TestSilo.StartAsync();

        Assert.Same(silo.Services.GetRequiredService<Core.IClusterClient>(), silo.GrainFactory);
    }
}
