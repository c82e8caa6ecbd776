using System.Net;
using Cluster.Runtime.Activation;
using Cluster.Runtime.Core;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Messaging.Remote;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cluster.Runtime.Testing;

/// <summary>
/// A started single-silo host for tests of grain logic: memory storage under the default name unless the
/// test configures storage itself, and no other service. Dispose it to stop the silo.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private TestSilo(IHost host) => _host = host;

    /// <summary>The silo host's services.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>The silo's grain factory.</summary>
    public IGrainFactory GrainFactory => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Where the silo's gateway listens, when it has one (<c>silo.AddGateway(o => o.Port = 0)</c> picks a free port).</summary>
    public IPEndPoint? GatewayEndpoint => _host.Services.GetService<SiloGateway>()?.Endpoint;

    /// <summary>
    /// A reference to <paramref name="grainId"/> through <typeparamref name="TInterface"/>: for interfaces no key
    /// addresses, such as <see cref="Reminders.IRemindable"/>, to deliver a reminder tick by hand.
    /// </summary>
    public TInterface GetReference<TInterface>(GrainId grainId)
        where TInterface : IAddressable => Runtime.GrainFactory.GetReference<TInterface>(grainId);

    internal GrainRuntime Runtime => _host.Services.GetRequiredService<GrainRuntime>();

    /// <summary>Builds and starts a silo.</summary>
    /// <param name="configureOptions">Changes to the silo's options.</param>
    /// <param name="timeProvider">The clock of the runtime and of grains that take a <see cref="TimeProvider"/>.</param>
    /// <param name="configureSilo">More silo configuration; when it registers <c>Default</c> storage itself, no memory storage is added.</param>
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
            configureSilo?.Invoke(silo);
            if (!silo.Services.Any(service => service.IsKeyedService && Equals(service.ServiceKey, Storage.GrainStorageNames.Default)))
            {
                silo.AddMemoryGrainStorage();
            }
        });
        builder.Services.Configure<SiloOptions>(options => configureOptions?.Invoke(options));
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(20));
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new TestSilo(host);
    }

    /// <summary>Stops the silo gracefully: every activation is deactivated.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync();
        }
    }

    /// <summary>
    /// Ends the silo as a crash would, as far as one process can: its connections drop at once, and it deactivates
    /// nothing and writes nothing more to the membership table, so the other silos must detect its death. Dispose it
    /// afterwards.
    /// </summary>
    public async Task KillAsync()
    {
        _stopped = true;
        var services = _host.Services;
        Runtime.Catalog.Close();
        Runtime.SignalStopping();
        if (services.GetService<MembershipService>() is { } membership)
        {
            await membership.AbandonAsync();
        }

        if (services.GetService<FailureDetector>() is { } detector)
        {
            await detector.OnStopAsync(CancellationToken.None);
        }

        if (services.GetService<SiloConnections>() is { } connections)
        {
            await connections.DisposeAsync();
        }

        if (services.GetService<SiloGateway>() is { } gateway)
        {
            await gateway.DisposeAsync();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }
}
