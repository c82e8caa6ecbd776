using Cluster.Runtime.Activation;
using Cluster.Runtime.CodeGeneration;
using Cluster.Runtime.Core;
using Cluster.Runtime.Directory;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Messaging.Remote;
using Cluster.Runtime.Placement;
using Cluster.Runtime.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Messaging;

/// <summary>
/// Routes grain calls in a silo that belongs to a cluster. A call goes to the local activation when there is one;
/// else to the silo the directory names (cache first, then PostgreSQL); else placement picks a silo, and the call is
/// sent there marked <em>directed</em>, so that silo activates the grain. Every activation registers in the directory
/// before it loads state: registration is first-writer-wins, so of two racing activations only one ever runs, and
/// the loser forwards its calls to the winner. A call crosses at most <see cref="MaxHops"/> processes, so stale
/// directory information can cost a forward but never a loop.
/// </summary>
internal sealed partial class ClusterRouter : ISiloLifecycleParticipant
{
    /// <summary>
    /// The most processes a call may cross before a silo refuses to pass it on: the caller's silo or gateway, a silo
    /// that no longer hosts the grain, a silo whose new activation lost its registration, and one to spare.
    /// </summary>
    public const int MaxHops = 4;

    private readonly GrainRuntime _runtime;
    private readonly SiloGateway _gateway;
    private readonly SiloConnections _connections;
    private readonly IGrainDirectory _directory;
    private readonly PlacementDirector _placement;
    private readonly MembershipService _membership;
    private readonly TransportOptions _transport;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _applying = new(1, 1);
    private readonly HashSet<SiloAddress> _purged = [];

    public ClusterRouter(
        GrainRuntime runtime,
        SiloGateway gateway,
        SiloConnections connections,
        IGrainDirectory directory,
        PlacementDirector placement,
        MembershipService membership,
        IOptions<TransportOptions> transport,
        ILogger<ClusterRouter> logger)
    {
        _runtime = runtime;
        _gateway = gateway;
        _connections = connections;
        _directory = directory;
        _placement = placement;
        _membership = membership;
        _transport = transport.Value;
        _logger = logger;

        // Attached when the silo is built, so no grain can activate unregistered once the catalog opens.
        runtime.Cluster = this;
    }

    public int Stage => SiloLifecycleStage.Cluster;

    /// <summary>The lookups this silo has made or learned; stale entries are dropped as calls find them out.</summary>
    public GrainDirectoryCache Cache { get; } = new();

    private string? _selfName;

    private SiloAddress Self => _gateway.SiloAddress!;

    /// <summary>This silo's address as log lines show it; null before the gateway started.</summary>
    internal string? SelfName => _selfName ??= _gateway.SiloAddress?.ToString();

    public async Task OnStartAsync(CancellationToken cancellationToken)
    {
        _membership.Changed += OnMembershipChanged;
        _membership.DeclaredDead += () => _runtime.Fence(
            $"Silo {Self} was declared dead by the cluster, or was cut off from it long enough to be, and is stopping: it runs no call and writes no grain state any more, since its grains reactivate elsewhere. Retry; the call goes to a live silo.");
        await ApplyMembershipAsync(_membership.Current);
    }

    // Routing and connections stay up while the runtime stage deactivates grains after this stage stops.
    public Task OnStopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Delivers a call to a grain (not an observer) wherever its activation is or should be.</summary>
    public void Route(GrainId target, Request request)
    {
        if (_runtime.FencedReason is { } fenced)
        {
            Fail(request, new SiloUnavailableException(fenced));
            return;
        }

        var catalog = _runtime.Catalog;
        var classInfo = _runtime.Registry.FindClass(target.Type);
        if (classInfo is null || classInfo.IsStatelessWorker)
        {
            // Stateless workers are always local; an unknown type fails in the catalog with a message that says why.
            catalog.Dispatch(target, request);
            return;
        }

        if (catalog.TryDispatchExisting(target, request))
        {
            return;
        }

        if (request.IsDirected && catalog.IsOpen)
        {
            // The caller's directory or placement chose this silo: activate here; registration settles any race.
            request.IsDirected = false;
            catalog.Dispatch(target, request);
            return;
        }

        if (request.IsDirected)
        {
            // Another process sent the call here as the grain's host, or to activate it, and this silo can do neither
            // (its catalog is closed: it is stopping). The sender's view was stale, and this silo's cache may be too:
            // the entry that sent an earlier hop of this very call away from here is dropped only when the call's
            // response comes back, so following it again bounces the call between two stopping silos until MaxHops.
            // Forget it and ask the directory, which drops an ended activation's entry before its calls move on.
            Cache.Invalidate(target);
        }
        else if (Cache.TryGet(target, out var cached) && cached.SiloAddress != Self && _connections.Find(cached.SiloAddress) is { } connection)
        {
            Send(connection, target, request);
            return;
        }

        _ = RouteSafelyAsync(ResolveAndRouteAsync(target, request, classInfo), request);
    }

    /// <summary>Sends <paramref name="request"/> to the activation at <paramref name="address"/>, for calls its loser or a deactivation passes on.</summary>
    public void Forward(GrainAddress address, Request request)
    {
        if (address.SiloAddress == Self)
        {
            Route(address.GrainId, request);
            return;
        }

        _ = RouteSafelyAsync(SendToSiloAsync(address.SiloAddress, address.GrainId, request), request);
    }

    /// <summary>Observes a routing task: whatever it throws fails the call instead of leaving its caller to time out.</summary>
    private async Task RouteSafelyAsync(Task routing, Request request)
    {
        try
        {
            await routing;
        }
        catch (Exception exception)
        {
            Fail(request, new SiloUnavailableException($"The call to {request} could not be routed: {exception.Message}"));
        }
    }

    private async Task ResolveAndRouteAsync(GrainId target, Request request, GrainClassInfo classInfo, bool resolvedAgain = false)
    {
        GrainAddress? address;
        try
        {
            // Not the silo's stopping token: a stopping silo still resolves the calls it passes on to other silos.
            address = await _directory.LookupAsync(target, CancellationToken.None);
        }
        catch (Exception exception)
        {
            Fail(request, new SiloUnavailableException(
                $"The grain directory could not be read to find {target} ({exception.Message}); the call was not sent. Check that PostgreSQL is reachable."));
            return;
        }

        var catalog = _runtime.Catalog;
        if (address is not null && address.SiloAddress == Self && catalog.IsOpen)
        {
            // Registered here by an activation that has ended: activate here again, replacing the stale entry.
            catalog.Dispatch(target, request);
            return;
        }

        if (address is not null && address.SiloAddress != Self && !IsGone(address.SiloAddress))
        {
            Cache.Put(address);
            await SendToSiloAsync(address.SiloAddress, target, request, resolvedAgain);
            return;
        }

        // No entry; or one of a Dead silo, or of this silo while it is stopping: the new activation's registration
        // replaces such a stale entry.
        var candidates = PlacementCandidates(target.Type, catalog.IsOpen);
        if (classInfo.Placement == PlacementStrategy.SiloOfKey)
        {
            if (!SiloAddress.TryParse(target.Key, out var named) || !candidates.Contains(named))
            {
                Fail(request, new SiloUnavailableException(
                    $"{target} runs only on the silo its key names, and {(named is null ? "the key is no silo address (host:port@generation)" : $"silo {named} is not Active and connected here")}; the call was not sent."));
                return;
            }

            candidates = [named];
        }

        if (candidates.Count == 0)
        {
            var others = _membership.Current.Active.Count(entry => entry.SiloAddress != Self);
            Fail(request, new SiloUnavailableException(
                $"No silo can take a new activation of {target}: this silo {(catalog.IsOpen ? $"is {_membership.Current.StatusOf(Self)}, not Active" : "takes none now (starting or stopping)")}, and {(others == 0 ? "no other silo is Active" : $"none of the {others} other Active silos is connected yet with the grain class")}. Retry in a moment."));
            return;
        }

        var silo = _placement.Place(classInfo.Placement, Self, candidates, catalog.Count);
        if (silo == Self)
        {
            catalog.Dispatch(target, request);
            return;
        }

        await SendToSiloAsync(silo, target, request, resolvedAgain);
    }

    private HelloMessage? HelloOf(SiloAddress silo) =>
        _connections.Find(silo) is { RemoteHello.IsCompletedSuccessfully: true } connection ? connection.RemoteHello.Result : null;

    /// <summary>
    /// This silo, when it takes new activations, and every other Active silo connected to this one that can activate
    /// <paramref name="grainType"/> (its hello lists the types it hosts).
    /// </summary>
    private List<SiloAddress> PlacementCandidates(string grainType, bool selfOpen)
    {
        var snapshot = _membership.Current;
        var candidates = new List<SiloAddress>(snapshot.Entries.Count);
        if (selfOpen && snapshot.StatusOf(Self) is SiloStatus.Joining or SiloStatus.Active)
        {
            candidates.Add(Self);
        }

        foreach (var entry in snapshot.Active)
        {
            if (entry.SiloAddress != Self && HelloOf(entry.SiloAddress)?.CanHost(grainType) == true)
            {
                candidates.Add(entry.SiloAddress);
            }
        }

        return candidates;
    }

    private async Task SendToSiloAsync(SiloAddress silo, GrainId target, Request request, bool resolvedAgain = false)
    {
        if (_connections.Find(silo) is null && _membership.Current.StatusOf(silo) == SiloStatus.None)
        {
            // A member this silo has not read yet: read the table now rather than at the next notification.
            _membership.RequestRefresh();
        }

        var connection = await _connections.GetAsync(silo, _transport.ConnectTimeout, _runtime.TimeProvider, () => IsGone(silo));
        if (connection is not null)
        {
            Send(connection, target, request);
            return;
        }

        if (IsGone(silo) && !resolvedAgain && _runtime.Registry.FindClass(target.Type) is { } classInfo)
        {
            // Declared dead while the call waited, never having been sent: it goes where the grain reactivates.
            await ResolveAndRouteAsync(target, request, classInfo, resolvedAgain: true);
            return;
        }

        Fail(request, new SiloUnavailableException(
            $"{target} is hosted on silo {silo}, which this silo cannot reach; the call was not sent. If that silo has crashed, the cluster declares it dead within seconds and the grain reactivates elsewhere on a later call."));
    }

    private void Send(MessageConnection connection, GrainId target, Request request)
    {
        if (request.HopCount >= MaxHops)
        {
            Fail(request, new InvalidOperationException(
                $"The call to {target} was forwarded between silos {request.HopCount} times without reaching its activation; it was dropped rather than sent on. The directory is changing faster than calls can follow it; retry."));
            return;
        }

        if (request.HopCount > 0)
        {
            // It came from another process that thought the grain was here, or sent it here to be placed.
            request.MarkForwarded();
        }

        if (!connection.SendRequest(target, request, _runtime.TimeoutTracker.TimeoutOf(request), directed: true))
        {
            // That silo is leaving and its connection takes no new call: resolve again without it.
            Route(target, request);
        }
    }

    private void Fail(Request request, Exception exception) => _runtime.Fail(request, exception);
}
