using System.Collections.Frozen;
using Cluster.Runtime.Activation;
using Cluster.Runtime.CodeGeneration;
using Cluster.Runtime.Core;
using Cluster.Runtime.Directory;
using Cluster.Runtime.Messaging;
using Cluster.Runtime.Messaging.Remote;
using Cluster.Runtime.Messaging.Wire;
using Cluster.Runtime.Observers;
using Cluster.Runtime.Transport;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Client;

/// <summary>
/// The <see cref="IClusterClient"/> of a process without a silo: calls go over the gateways' connections, observer
/// objects live here and silos call them back on the same connections. Which grain type serves an interface comes
/// from the silos' hello, so the client needs the grain interfaces, not the grain classes. With a directory (gateway
/// discovery from PostgreSQL), each call goes straight to the silo hosting the grain; without one, or for a grain not
/// yet activated, to one gateway chosen by hashing, which places or forwards it.
/// </summary>
internal sealed partial class ClusterClient : IClusterClient, IHostedService, IMessageRouter, IAsyncDisposable
{
    private readonly ClusterClientOptions _options;
    private readonly TransportOptions _transport;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ClusterClient> _logger;
    private readonly GrainTypeRegistry _registry = new([], TimeSpan.MaxValue, FrozenDictionary<string, TimeSpan>.Empty);
    private readonly ObserverRegistry _observers;
    private readonly CallTimeoutTracker _timeouts;
    private readonly ClientGrainCallInvoker _invoker;
    private readonly Lock _grainTypesLock = new();
    private readonly IReadOnlyList<IGatewayListProvider> _providers;
    private readonly ClientGrainLocator? _locator;
    private readonly SemaphoreSlim _gatewaysChanged = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private GatewayLink[] _links = [];
    private MessagingContext? _context;
    private HelloMessage? _hello;
    private Task _refreshing = Task.CompletedTask;
    private IReadOnlyDictionary<string, string> _grainTypes = FrozenDictionary<string, string>.Empty;

    public ClusterClient(
        IServiceProvider services,
        IOptions<ClusterClientOptions> options,
        IOptions<TransportOptions> transport,
        IEnumerable<IGatewayListProvider> providers,
        IEnumerable<IGrainDirectory> directories,
        TimeProvider timeProvider,
        ILogger<ClusterClient> logger)
    {
        _providers = [.. providers];
        _locator = directories.FirstOrDefault() is { } directory ? new ClientGrainLocator(directory) : null;
        ServiceProvider = services;
        _options = options.Value;
        _transport = transport.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _observers = new ObserverRegistry(ProcessId, (request, exception) => LogOneWayFailed(logger, exception, request.ToString()));
        _timeouts = new CallTimeoutTracker(timeProvider, _options.ResponseTimeout);
        _invoker = new ClientGrainCallInvoker(this, _timeouts);
        Json = WireJson.Create(GetReference);
    }

    public IServiceProvider ServiceProvider { get; }

    public string ProcessId { get; } = Guid.NewGuid().ToString("N");

    internal System.Text.Json.JsonSerializerOptions Json { get; }

    /// <summary>How often gateway providers are asked again even without a change signal.</summary>
    public static TimeSpan GatewayRefreshPeriod { get; } = TimeSpan.FromSeconds(10);

    /// <summary>The client's directory lookups, when it reads the cluster's directory.</summary>
    internal ClientGrainLocator? Locator => _locator;

    /// <summary>Whether at least one gateway connection is open.</summary>
    public bool IsConnected => Volatile.Read(ref _links).Any(link => link.Connection is not null);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Gateways.Count == 0 && _providers.Count == 0)
        {
            throw new InvalidOperationException(
                $"{ClusterClientOptions.SectionName}:Gateways is empty and no gateway discovery is configured; list silo gateways as host:port, or discover them from the membership table (AddPostgresGatewayDiscovery).");
        }

        _context = new MessagingContext(this, Json, _transport, _timeProvider, _logger);
        _hello = new HelloMessage(HelloMessage.CurrentProtocolVersion, ProcessId, HelloMessage.ClientRole, FrozenDictionary<string, string>.Empty);
        foreach (var provider in _providers)
        {
            provider.Changed += OnGatewaysChanged;
        }

        var added = await SyncGatewaysAsync(cancellationToken);

        // Start once every gateway has been tried: callers right after start find the connections that could open.
        await Task.WhenAll(added.Select(link => link.FirstAttempt)).WaitAsync(cancellationToken);
        if (!IsConnected)
        {
            LogNoGateway(_logger, string.Join(", ", Volatile.Read(ref _links).Select(link => link.Endpoint)));
        }

        if (_providers.Count > 0)
        {
            _refreshing = RefreshGatewaysLoopAsync();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _refreshing;

        // Stop and dispose may both run (the host stops, then disposes): each link is closed exactly once.
        foreach (var link in Interlocked.Exchange(ref _links, []))
        {
            await link.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _timeouts.Dispose();
    }

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey)
        where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(primaryKey);
        return GetReference<TGrainInterface>(new GrainId(GrainTypeOf(typeof(TGrainInterface)), primaryKey));
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey)
        where TGrainInterface : IGrainWithGuidKey =>
        GetReference<TGrainInterface>(new GrainId(GrainTypeOf(typeof(TGrainInterface)), GrainKeys.Format(primaryKey)));

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey)
        where TGrainInterface : IGrainWithIntegerKey =>
        GetReference<TGrainInterface>(new GrainId(GrainTypeOf(typeof(TGrainInterface)), GrainKeys.Format(primaryKey)));

    public TGrainObserverInterface CreateObjectReference<TGrainObserverInterface>(IGrainObserver observer)
        where TGrainObserverInterface : IGrainObserver =>
        GetReference<TGrainObserverInterface>(_observers.Register(observer));

    public void DeleteObjectReference<TGrainObserverInterface>(IGrainObserver observer)
        where TGrainObserverInterface : IGrainObserver => _observers.Unregister(observer);

    public Request? CreateRequest(string interfaceName, string methodKey) => _registry.CreateRequest(interfaceName, methodKey);

    private GrainReference GetReference(Type addressableInterface, GrainId grainId) =>
        _registry.GetProxyFactory(addressableInterface)(_invoker, grainId);

    private TInterface GetReference<TInterface>(GrainId grainId)
        where TInterface : IAddressable => (TInterface)(object)GetReference(typeof(TInterface), grainId);

    private string GrainTypeOf(Type grainInterface) =>
        _grainTypes.TryGetValue(grainInterface.FullName!, out var grainType)
            ? grainType
            : throw new InvalidOperationException(IsConnected
                ? $"No silo serves {grainInterface.FullName}: the connected silos run no grain class implementing it. Deploy the silo build that contains it."
                : $"No gateway is connected ({DescribeGateways()}), so the grain type of {grainInterface.Name} is not known yet; the client keeps reconnecting.");

    private string DescribeGateways() =>
        Volatile.Read(ref _links) is { Length: > 0 } links ? string.Join(", ", links.Select(link => link.Endpoint)) : "none known";

    [LoggerMessage(Level = LogLevel.Warning, Message = "One-way call {Method} failed")]
    private static partial void LogOneWayFailed(ILogger logger, Exception exception, string method);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the gateway list failed; retrying")]
    private static partial void LogGatewayRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No gateway could be reached at start ({Gateways}); calls fail until one is")]
    private static partial void LogNoGateway(ILogger logger, string gateways);
}
