using System.Collections.Concurrent;
using Cluster.Runtime.Client;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Timers;
using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Messaging.Remote;

/// <summary>
/// This silo's connections to the other silos of the cluster: one per pair, opened by the silo whose address sorts
/// first (the other side uses the connection it accepted), so two silos never hold two connections to each other.
/// Follows membership: a link opens to every silo that is Joining, Active or ShuttingDown and closes when it is Dead
/// or gone; an opened link reconnects until then.
/// </summary>
internal sealed partial class SiloConnections(SiloGateway gateway, ILogger<SiloConnections> logger) : IAsyncDisposable
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan WaitPollPeriod = TimeSpan.FromMilliseconds(10);

    private readonly ConcurrentDictionary<SiloAddress, Peer> _peers = new();
    private readonly Lock _updateLock = new();

    // Set once the silo drains its connections: membership changes read afterwards open no new link.
    private volatile bool _stopping;

    private SiloAddress Self => gateway.SiloAddress ?? throw new InvalidOperationException("The silo's gateway has not started.");

    /// <summary>Starts taking connections other silos open to this one; the gateway drains this silo's links when it stops.</summary>
    public void Start()
    {
        gateway.SiloConnected = OnAccepted;
        gateway.Links = this;
    }

    /// <summary>The open connection to <paramref name="silo"/> on which new calls may go, or null.</summary>
    public MessageConnection? Find(SiloAddress silo) => _peers.TryGetValue(silo, out var peer) ? peer.Connection : null;

    /// <summary>
    /// The open connection to <paramref name="silo"/> even while that silo is leaving, for probes: a silo that drains
    /// its connections before it stops still answers, and must not be suspected meanwhile.
    /// </summary>
    public MessageConnection? FindForProbe(SiloAddress silo) => _peers.TryGetValue(silo, out var peer) ? peer.OpenConnection : null;

    /// <summary>
    /// The open connection to <paramref name="silo"/>, waiting up to <paramref name="wait"/> for one that is being
    /// opened (a silo that has just joined, perhaps not yet read from the table here); null when none opened in time,
    /// or as soon as <paramref name="giveUp"/> says the silo is gone.
    /// </summary>
    public async ValueTask<MessageConnection?> GetAsync(SiloAddress silo, TimeSpan wait, TimeProvider timeProvider, Func<bool> giveUp)
    {
        if (Find(silo) is { } connection)
        {
            return connection;
        }

        var deadline = timeProvider.TimestampAfter(wait);
        while (timeProvider.GetTimestamp() < deadline && !giveUp())
        {
            await Task.Delay(WaitPollPeriod, timeProvider);
            if (Find(silo) is { } opened)
            {
                return opened;
            }
        }

        return null;
    }

    /// <summary>Opens links to new members and closes those to Dead or removed ones.</summary>
    public async Task UpdateAsync(MembershipSnapshot snapshot)
    {
        var self = Self;
        var gone = new List<Peer>();
        lock (_updateLock)
        {
            var live = new HashSet<SiloAddress>();
            foreach (var entry in snapshot.Entries)
            {
                var address = entry.SiloAddress;
                if (address == self || entry.Status is not (SiloStatus.Joining or SiloStatus.Active or SiloStatus.ShuttingDown))
                {
                    continue;
                }

                live.Add(address);
                var peer = _peers.GetOrAdd(address, static address => new Peer(address));
                if (peer.Link is null && !_stopping && InitiatesTo(self, address))
                {
                    peer.Link = new GatewayLink(
                        new GatewayEndpoint(address.Host, address.Port), gateway.Hello! with { TargetSilo = address.ToString() }, gateway.Context!, ReconnectDelay, hello => CheckIdentity(address, hello), logger);
                    peer.Link.Start();
                }
            }

            foreach (var (address, peer) in _peers)
            {
                // A peer unknown to this snapshot but connected already has joined after it was read; keep it.
                var declaredGone = snapshot.StatusOf(address) is SiloStatus.Dead || (snapshot.StatusOf(address) is SiloStatus.None && peer.Connection is null);
                if (!live.Contains(address) && declaredGone && _peers.TryRemove(address, out _))
                {
                    gone.Add(peer);
                }
            }
        }

        foreach (var peer in gone)
        {
            LogPeerRemoved(logger, peer.Address);
            await peer.DisposeAsync();
        }
    }

    /// <summary>Says goodbye on the links this silo opened: the peers send no new call on them.</summary>
    public void SayGoodbye()
    {
        _stopping = true;
        foreach (var peer in _peers.Values)
        {
            peer.Link?.OpenConnection?.SayGoodbye();
        }
    }

    /// <summary>Drains and closes the links this silo opened (the gateway drains the ones it accepted).</summary>
    public Task DrainAsync(TimeSpan timeout) =>
        Task.WhenAll(_peers.Values.Where(peer => peer.Link is not null).Select(peer => peer.Link!.DrainAsync(timeout)));

    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        foreach (var peer in _peers.Values)
        {
            await peer.DisposeAsync();
        }

        _peers.Clear();
    }

    // Ordinal order of the written addresses: both silos compute the same answer from the same two addresses.
    private static bool InitiatesTo(SiloAddress self, SiloAddress peer) =>
        string.CompareOrdinal(self.ToString(), peer.ToString()) < 0;

    private static void CheckIdentity(SiloAddress expected, HelloMessage hello)
    {
        // The endpoint may already belong to a newer start of that silo, which is another member.
        if (hello.SiloAddress != expected.ToString())
        {
            throw new InvalidOperationException($"{expected.Host}:{expected.Port} is now silo {hello.SiloAddress ?? "(a client)"}, not {expected}.");
        }
    }

    private void OnAccepted(SiloAddress address, MessageConnection connection)
    {
        // Under the update lock, so a peer being removed as Dead cannot take a fresh connection with it unseen.
        lock (_updateLock)
        {
            _peers.GetOrAdd(address, static address => new Peer(address)).Accept(connection);
        }
    }

    private sealed class Peer(SiloAddress address) : IAsyncDisposable
    {
        // More than one when a peer's link to an earlier start of this endpoint reconnects here before it learns that
        // this is another start and closes; the newest open one is used.
        private readonly Lock _lock = new();
        private volatile MessageConnection[] _accepted = [];

        public SiloAddress Address => address;

        public GatewayLink? Link { get; set; }

        public MessageConnection? Connection => OpenConnection is { IsPeerLeaving: false } connection ? connection : null;

        public MessageConnection? OpenConnection => Link?.OpenConnection ?? _accepted.LastOrDefault(connection => !connection.IsClosed);

        public void Accept(MessageConnection connection)
        {
            lock (_lock)
            {
                _accepted = [.. _accepted.Where(accepted => !accepted.IsClosed), connection];
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (Link is not null)
            {
                await Link.DisposeAsync();
            }

            foreach (var accepted in _accepted)
            {
                await accepted.DisposeAsync();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed the connection to silo {Silo}, which left the cluster")]
    private static partial void LogPeerRemoved(ILogger logger, SiloAddress silo);
}
