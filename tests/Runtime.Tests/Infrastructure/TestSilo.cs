using Cluster.Runtime.Activation;
using Cluster.Runtime.Core;
using Cluster.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cluster.Runtime.Tests.Infrastructure;

/// <summary>A started single-silo host on memory storage, for tests of runtime semantics.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private TestSilo(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public IGrainFactory GrainFactory => _host.Services.GetRequiredService<IGrainFactory>();

    internal GrainRuntime Runtime => _host.Services.GetRequiredService<GrainRuntime>();

    public static async Task<TestSilo> StartAsync(
        Action<SiloOptions>? configureOptions = null,
        TimeProvider? timeProvider = null,
        Action<ISiloBuilder>? configureSilo = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }

        builder.UseSilo(silo =>
        {
            silo.AddMemoryGrainStorage();
            configureSilo?.Invoke(silo);
        });
        builder.Services.Configure<SiloOptions>(options => configureOptions?.Invoke(options));
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(20));
        var host = builder.Build();
        await host.StartAsync();
        return new TestSilo(host);
    }

    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }
}
