using Cluster.Runtime.CodeGeneration;
using Cluster.Runtime.Diagnostics;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Messaging;
using Cluster.Runtime.Messaging.Remote;
using Cluster.Runtime.Observers;
using Cluster.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Activation;

/// <summary>The silo's runtime: the catalog, the call path, the observers and the registry, wired together.</summary>
internal sealed partial class GrainRuntime : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    public GrainRuntime(
        IServiceProvider services,
        IOptions<SiloOptions> options,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory,
        IOptions<GrainAssemblyList> assemblyList,
        RuntimeMetrics metrics)
    {
        Services = services;
        Metrics = metrics;
        Options = options.Value;
        TimeProvider = timeProvider;
        Logger = loggerFactory.CreateLogger("Cluster.Runtime");
        var assemblies = assemblyList.Value;
        // The runtime's own grains (reminder partitions) run in every silo, whatever the host chose to load.
        Registry = new GrainTypeRegistry(
            (assemblies.IncludeDiscovered ? assemblies.Assemblies.Concat(GrainAssemblyDiscovery.Discover()) : assemblies.Assemblies).Append(typeof(GrainRuntime).Assembly),
            Options.CollectionAge,
            Options.CollectionAgeByType);
        Catalog = new Catalog(this);
        metrics.Meter.CreateObservableGauge(
            "cluster.grain.activations", Catalog.CountByType, "{activation}", "Activations on this silo, by grain type.");
        TimeoutTracker = new CallTimeoutTracker(timeProvider, Options.ResponseTimeout);
        Dispatcher = new LocalGrainCallInvoker(this);
        Observers = new ObserverRegistry(ProcessId, OnOneWayCallDropped);
        GrainFactory = new RuntimeGrainFactory(this);
        WireJson = Messaging.Wire.WireJson.Create(GrainFactory.GetReference);
    }

    public IServiceProvider Services { get; }

    /// <summary>This process's identity on the wire; observer references created here start with it.</summary>
    public string ProcessId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The clients connected to this silo's gateway, by process id, for calls back to their observers.</summary>
    public ConnectedClients Clients { get; } = new();

    public SiloOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public ILogger Logger { get; }

    public GrainTypeRegistry Registry { get; }

    public Catalog Catalog { get; }

    public RuntimeMetrics Metrics { get; }

    public LocalGrainCallInvoker Dispatcher { get; }

    public GrainCallInvoker Invoker => Dispatcher;

    public ObserverRegistry Observers { get; }

    public RuntimeGrainFactory GrainFactory { get; }

    public CallTimeoutTracker TimeoutTracker { get; }

    /// <summary>The cluster's routing when the silo is a member of one (<c>AddPostgresClustering</c>); null for a lone silo.</summary>
    public ClusterRouter? Cluster { get; set; }

    /// <summary>JSON options for arguments and results exchanged with other processes.</summary>
    public System.Text.Json.JsonSerializerOptions WireJson { get; }

    /// <summary>Cancelled when the silo stops; passed to activation so a stuck OnActivateAsync ends with the silo.</summary>
    public CancellationToken StoppingToken => _stopping.Token;

    public IGrainStorage GetStorage(string storageName, GrainClassInfo classInfo) =>
        Services.GetKeyedService<IGrainStorage>(storageName)
        ?? throw new InvalidOperationException(
            $"Grain class {classInfo.ClassType.Name} uses storage '{storageName}', which is not registered. Register it with silo.AddSqliteGrainStorage(\"{storageName}\"), AddPostgresGrainStorage or AddMemoryGrainStorage.");

    /// <summary>
    /// Why this silo may no longer run grain calls or write grain state, once fenced; null while it may. Set when the
    /// cluster declares the silo dead: its grains are being reactivated elsewhere, and those activations must be the
    /// only ones that write (as Orleans, which kills such a silo without deactivating its grains).
    /// </summary>
    public string? FencedReason { get; private set; }

    /// <summary>Fences the silo (see <see cref="FencedReason"/>) and closes its catalog.</summary>
    public void Fence(string reason)
    {
        FencedReason = reason;
        Catalog.Close();
    }

    /// <summary>Fails a call this silo cannot deliver; a one-way call, which has nobody to tell, is logged instead.</summary>
    public void Fail(Request request, Exception exception)
    {
        if (!request.TryFail(exception) && request.IsOneWay)
        {
            OnOneWayCallDropped(request, exception);
        }
    }

    public void OnOneWayCallDropped(Request request, Exception exception) =>
        LogOneWayCallDropped(Logger, exception, request.ToString(), request.Target?.ToString());

    public void SignalStopping() => _stopping.Cancel();

    public void Dispose()
    {
        // The stopping source is cancelled, never disposed: hosts may stop the silo after disposing its services,
        // and a source with no timer or linked tokens holds nothing that needs releasing.
        _stopping.Cancel();
        TimeoutTracker.Dispose();
    }
}
