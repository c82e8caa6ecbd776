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

    public void Route(GrainId target, Request request)
    {
        if (ObserverRegistry.IsObserver(target))
        {
            if (_observers.IsLocal(target))
            {
                _observers.Dispatch(target, request);
                return;
            }
        }
        else if (_locator is { } locator)
        {
            if (!locator.Cache.TryGet(target, out var cached))
            {
                _ = LookUpAndRouteAsync(locator, target, request);
                return;
            }

            if (TrySendToHost(cached, target, request))
            {
                return;
            }
        }

        RouteThroughGateway(target, request);
    }

    public void OnForwarded(GrainId grain) => _locator?.Cache.Invalidate(grain);

    private async Task LookUpAndRouteAsync(ClientGrainLocator locator, GrainId target, Request request)
    {
        if (await locator.LookupAsync(target) is not { } address || !TrySendToHost(address, target, request))
        {
            RouteThroughGateway(target, request);
        }
    }

    /// <summary>Sends the call straight to the silo of <paramref name="address"/> when a connection to that very start is open.</summary>
    private bool TrySendToHost(GrainAddress address, GrainId target, Request request)
    {
        var silo = address.SiloAddress;
        foreach (var link in Volatile.Read(ref _links))
        {
            if (link.Endpoint.Port == silo.Port && string.Equals(link.Endpoint.Host, silo.Host, StringComparison.OrdinalIgnoreCase)
                && link.Connection is { } connection && connection.RemoteHello.IsCompletedSuccessfully
                && connection.RemoteHello.Result.SiloAddress == silo.ToString())
            {
                return connection.SendRequest(target, request, _timeouts.TimeoutOf(request), directed: true);
            }
        }

        return false;
    }

    private void RouteThroughGateway(GrainId target, Request request)
    {
        // A connection whose silo has just said goodbye refuses the call; the next pick skips it.
        while (PickConnection(target) is { } connection)
        {
            if (connection.SendRequest(target, request, _timeouts.TimeoutOf(request)))
            {
                return;
            }
        }

        var unavailable = new SiloUnavailableException(
            $"No gateway is connected ({DescribeGateways()}); the client keeps reconnecting. Check that a silo listens there.");
        if (!request.TryFail(unavailable) && request.IsOneWay)
        {
            LogOneWayFailed(_logger, unavailable, request.ToString());
        }
    }

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

    /// <summary>
    /// The connected gateway for <paramref name="target"/> by rendezvous hashing: every client sends a grain's calls to
    /// the same silo while the set of gateways is stable, and only the grains of a lost gateway move.
    /// </summary>
    private MessageConnection? PickConnection(GrainId target)
    {
        MessageConnection? best = null;
        var bestScore = ulong.MinValue;
        foreach (var link in Volatile.Read(ref _links))
        {
            if (link.Connection is not { } connection)
            {
                continue;
            }

            // A hash that every process computes alike (string.GetHashCode is randomized per process).
            var score = StableHash.Of(target.Type, target.Key, link.Endpoint.Host, link.Endpoint.Port);
            if (best is null || score > bestScore)
            {
                (best, bestScore) = (connection, score);
            }
        }

        return best;
    }

    private string DescribeGateways() =>
        Volatile.Read(ref _links) is { Length: > 0 } links ? string.Join(", ", links.Select(link => link.Endpoint)) : "none known";

    private void OnGatewaysChanged()
    {
        try
        {
            _gatewaysChanged.Release();
        }
        catch (SemaphoreFullException)
        {
            // A refresh is already due.
        }
    }

    private async Task RefreshGatewaysLoopAsync()
    {
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                await _gatewaysChanged.WaitAsync(GatewayRefreshPeriod, _stopping.Token);
                try
                {
                    await SyncGatewaysAsync(_stopping.Token);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogGatewayRefreshFailed(_logger, exception);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>Opens links to gateways newly listed and closes links to gateways no longer listed; returns the new links.</summary>
    private async Task<IReadOnlyList<GatewayLink>> SyncGatewaysAsync(CancellationToken cancellationToken)
    {
        var wanted = new HashSet<GatewayEndpoint>(_options.Gateways.Select(ParseGateway));
        foreach (var provider in _providers)
        {
            foreach (var gateway in await provider.GetGatewaysAsync(cancellationToken))
            {
                wanted.Add(ParseGateway(gateway));
            }
        }

        var current = Volatile.Read(ref _links);
        var added = wanted.Where(endpoint => current.All(link => link.Endpoint != endpoint))
            .Select(endpoint => new GatewayLink(endpoint, _hello!, _context!, _options.ReconnectDelay, OnGatewayHello, _logger))
            .ToList();
        var removed = current.Where(link => !wanted.Contains(link.Endpoint)).ToList();
        Volatile.Write(ref _links, [.. current.Except(removed), .. added]);
        foreach (var link in added)
        {
            link.Start();
        }

        foreach (var link in removed)
        {
            // A silo that stops leaves the list first (ShuttingDown): its link takes no new calls and closes once the
            // calls in flight on it are answered, so a rolling restart fails none.
            _ = link.DrainAsync(_transport.DrainTimeout);
        }

        return added;
    }

    private static GatewayEndpoint ParseGateway(string gateway) =>
        GatewayEndpoint.TryParse(gateway, out var endpoint)
            ? endpoint
            : throw new FormatException($"Gateway '{gateway}' is not host:port with a port from 1 to 65535.");

    private void OnGatewayHello(HelloMessage hello)
    {
        // Silos of one cluster serve the same interfaces; a union keeps a rolling upgrade's new grains reachable.
        lock (_grainTypesLock)
        {
            _grainTypes = _grainTypes.Concat(hello.GrainTypes)
                .GroupBy(pair => pair.Key, StringComparer.Ordinal)
                .ToFrozenDictionary(group => group.Key, group => group.Last().Value, StringComparer.Ordinal);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "One-way call {Method} failed")]
    private static partial void LogOneWayFailed(ILogger logger, Exception exception, string method);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the gateway list failed; retrying")]
    private static partial void LogGatewayRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No gateway could be reached at start ({Gateways}); calls fail until one is")]
    private static partial void LogNoGateway(ILogger logger, string gateways);
}
