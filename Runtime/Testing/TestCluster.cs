using Cluster.Runtime.Client;
using Cluster.Runtime.Core;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Storage;
using Cluster.Runtime.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Testing;

/// <summary>
/// Several silos of one cluster in this process, each with its own gateway on a free loopback port, sharing one
/// PostgreSQL database for membership, directory and <c>Default</c> grain storage. Silos can be added, stopped
/// gracefully, killed without cleanup and restarted on their port; clients connect through the membership table.
/// Dispose it to stop everything.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly TestClusterOptions _options;
    private readonly List<TestSilo> _silos = [];
    private readonly List<IHost> _clients = [];

    private TestCluster(TestClusterOptions options) => _options = options;

    /// <summary>The silos started and not yet stopped or killed, oldest first.</summary>
    public IReadOnlyList<TestSilo> Silos => _silos;

    /// <summary>The cluster's name in the membership table.</summary>
    public string ClusterId => _options.ClusterId;

    /// <summary>Starts a cluster of <see cref="TestClusterOptions.InitialSilos"/> silos and waits until each sees all of them Active.</summary>
    /// <param name="configure">Sets the options; the connection string is required.</param>
    public static async Task<TestCluster> StartAsync(Action<TestClusterOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new TestClusterOptions();
        configure(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new ArgumentException("Set TestClusterOptions.ConnectionString to a PostgreSQL database the test may write to.", nameof(configure));
        }

        var cluster = new TestCluster(options);
        try
        {
            for (var i = 0; i < options.InitialSilos; i++)
            {
                await cluster.StartSiloAsync();
            }

            await cluster.WaitForMembershipAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The address of <paramref name="silo"/> in the cluster.</summary>
    public static SiloAddress AddressOf(TestSilo silo) => silo.Services.GetRequiredService<MembershipService>().SiloAddress!;

    /// <summary>Starts one more silo, on <paramref name="port"/> or a free port when 0.</summary>
    /// <param name="port">The gateway port; 0 for a free one.</param>
    /// <param name="connectionString">
    /// This silo's own way to the cluster's database (through a proxy a test can cut, say); the cluster's by default.
    /// </param>
    /// <param name="configure">More configuration of this silo alone, after the cluster's (other grain classes, say).</param>
    public async Task<TestSilo> StartSiloAsync(int port = 0, string? connectionString = null, Action<ISiloBuilder>? configure = null)
    {
        var database = connectionString ?? _options.ConnectionString;
        var silo = await TestSilo.StartAsync(configureSilo: builder =>
        {
            builder.AddGateway(gateway => gateway.Port = port);
            builder.AddPostgresClustering(membership =>
            {
                membership.ConnectionString = database;
                membership.ClusterId = _options.ClusterId;
            });
            builder.Services.Configure(_options.Membership);
            if (_options.Transport is { } transport)
            {
                builder.Services.Configure(transport);
            }

            builder.AddPostgresGrainStorage(GrainStorageNames.Default, storage => storage.ConnectionString = database);
            AddLogs(builder.Services);
            _options.ConfigureSilo?.Invoke(builder);
            configure?.Invoke(builder);
        });
        _silos.Add(silo);
        return silo;
    }

    /// <summary>Stops <paramref name="silo"/> gracefully: ShuttingDown, its grains deactivated, its connections drained, Dead.</summary>
    public async Task StopSiloAsync(TestSilo silo)
    {
        _silos.Remove(silo);
        await silo.DisposeAsync();
    }

    /// <summary>Kills <paramref name="silo"/> without cleanup (see <see cref="TestSilo.KillAsync"/>); the others must detect it.</summary>
    public async Task KillSiloAsync(TestSilo silo)
    {
        _silos.Remove(silo);
        await silo.KillAsync();
        await silo.DisposeAsync();
    }

    /// <summary>Stops <paramref name="silo"/> gracefully and starts a new silo on the same port, which joins as a new generation.</summary>
    public async Task<TestSilo> RestartSiloAsync(TestSilo silo)
    {
        var port = silo.GatewayEndpoint!.Port;
        await StopSiloAsync(silo);
        return await StartSiloAsync(port);
    }

    /// <summary>Waits until every running silo reads exactly the running silos as Active (and no other).</summary>
    /// <param name="timeout">How long to wait; default 30 s.</param>
    /// <exception cref="TimeoutException">Membership did not settle in time; the message lists what each silo sees.</exception>
    public async Task WaitForMembershipAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var expected = _silos.Select(AddressOf).ToHashSet();
            var views = _silos.Select(silo => silo.Services.GetRequiredService<MembershipService>().Current.Active.Select(entry => entry.SiloAddress).ToHashSet()).ToList();
            if (views.All(view => view.SetEquals(expected)))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"Membership did not settle: expected Active {string.Join(", ", expected)}; the silos see {string.Join(" | ", views.Select(view => string.Join(", ", view)))}.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Starts a client host that finds the silos' gateways in the membership table; disposed with the cluster.</summary>
    /// <param name="configure">More client configuration.</param>
    /// <param name="transport">The client's transport settings, instead of the cluster's <see cref="TestClusterOptions.Transport"/>.</param>
    public async Task<IClusterClient> CreateClientAsync(Action<ClusterClientOptions>? configure = null, Action<TransportOptions>? transport = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseClusterClient(options =>
        {
            options.ReconnectDelay = TimeSpan.FromMilliseconds(100);
            configure?.Invoke(options);
        });
        builder.AddPostgresGatewayDiscovery(membership =>
        {
            membership.ConnectionString = _options.ConnectionString;
            membership.ClusterId = _options.ClusterId;
        });
        if ((transport ?? _options.Transport) is { } configureTransport)
        {
            builder.Services.Configure(configureTransport);
        }

        AddLogs(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        _clients.Add(host);
        return host.Services.GetRequiredService<IClusterClient>();
    }

    private void AddLogs(IServiceCollection services)
    {
        if (_options.Logs is { } logs)
        {
            services.AddSingleton<ILoggerProvider>(logs);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.StopAsync();
            client.Dispose();
        }

        foreach (var silo in _silos.AsEnumerable().Reverse().ToList())
        {
            await silo.DisposeAsync();
        }

        _silos.Clear();
    }
}
