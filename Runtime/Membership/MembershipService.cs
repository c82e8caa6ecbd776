using System.Diagnostics.Metrics;
using System.Net;
using Cluster.Runtime.Diagnostics;
using Cluster.Runtime.Messaging.Remote;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Membership;

/// <summary>
/// A silo's part in cluster membership: it joins (a row as Joining once it listens, Active once its grains can run,
/// under a new generation), writes IAmAlive periodically, follows the table (on every notification, and every
/// <c>TableRefreshPeriod</c> in case one was lost), deletes defunct rows now and then, and leaves (ShuttingDown when
/// stopping begins, Dead once the silo has deactivated its grains and closed its connections). A silo that finds
/// itself declared Dead stops its host: Dead is terminal, a restart joins as a new generation.
/// </summary>
internal sealed partial class MembershipService(
    IMembershipTable table,
    PostgresMembershipWatcher watcher,
    SiloGateway gateway,
    IOptions<ClusterMembershipOptions> options,
    TimeProvider timeProvider,
    IHostApplicationLifetime lifetime,
    RuntimeMetrics metrics,
    ILogger<MembershipService> logger) : IAsyncDisposable
{
    private const int MaxWriteAttempts = 20;

    private readonly SemaphoreSlim _refreshSignal = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private MembershipEntry? _self;
    private DateTimeOffset _lastCleanup = DateTimeOffset.MinValue;
    private Task _loops = Task.CompletedTask;
    private volatile MembershipSnapshot _current = MembershipSnapshot.Empty;
    private int _left;
    private int _disposed;

    /// <summary>This silo's address, once joined.</summary>
    public SiloAddress? SiloAddress => _self?.SiloAddress;

    /// <summary>The table as last read.</summary>
    public MembershipSnapshot Current => _current;

    private IEnumerable<Measurement<long>> ObserveSilos() =>
        _current.Entries.GroupBy(entry => entry.Status)
            .Select(group => new Measurement<long>(group.Count(), new KeyValuePair<string, object?>("status", group.Key.ToString())));

    /// <summary>Raised once when this silo finds itself declared Dead, before it stops its host.</summary>
    public event Action? DeclaredDead;

    /// <summary>Raised after each read of the table, on the service's loop: handlers must return quickly.</summary>
    public event Action<MembershipSnapshot>? Changed;

    /// <summary>Joins as Joining under the gateway's address, reads the table and starts the IAmAlive and refresh loops.</summary>
    public async Task JoinAsync(CancellationToken cancellationToken)
    {
        var address = gateway.SiloAddress ?? throw new InvalidOperationException(
            "Cluster membership needs the silo's gateway: call silo.AddGateway() before silo.AddPostgresClustering().");
        await table.InitializeAsync(cancellationToken);
        metrics.Meter.CreateObservableGauge(
            "cluster.silos", ObserveSilos, "{silo}", "The cluster's silos by status, as this silo last read the membership table.");
        var now = timeProvider.GetUtcNow();
        _self = new MembershipEntry
        {
            SiloAddress = address,
            SiloName = $"{Dns.GetHostName()}:{address.Port}",
            HostName = Dns.GetHostName(),
            Status = SiloStatus.Joining,
            StartTime = now,
            IAmAliveTime = now,
        };

        watcher.Changed += OnTableChanged;
        await watcher.StartAsync(cancellationToken);
        await WriteSelfAsync(SiloStatus.Joining, cancellationToken);
        await RefreshAsync(cancellationToken);
        _loops = Task.WhenAll(IAmAliveLoopAsync(), RefreshLoopAsync());
    }

    /// <summary>Becomes Active: other members now place grains here.</summary>
    public async Task BecomeActiveAsync(CancellationToken cancellationToken)
    {
        await WriteSelfAsync(SiloStatus.Active, cancellationToken);
        await RefreshAsync(cancellationToken);
        LogJoined(logger, _self!.SiloAddress);
    }

    /// <summary>Stopping begins: ShuttingDown, so others stop placing grains here while this silo deactivates its own.</summary>
    public async Task BeginShutdownAsync(CancellationToken cancellationToken)
    {
        if (_self is not null && Volatile.Read(ref _left) == 0)
        {
            await TryWriteSelfAsync(SiloStatus.ShuttingDown, cancellationToken);

            // Read the table before the catalog closes: of two silos stopping at once, the later reader then knows
            // the other is leaving and never passes calls back to it, so calls cannot bounce between them.
            try
            {
                await RefreshAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogRefreshFailed(logger, exception);
            }
        }
    }

    /// <summary>
    /// Stops the loops and writes nothing more, not even Dead: what a crash leaves behind, for tests of failure
    /// detection in one process.
    /// </summary>
    internal async Task AbandonAsync()
    {
        Interlocked.Exchange(ref _left, 1);
        await _stopping.CancelAsync();
        await _loops;
    }

    /// <summary>Reads the table now, as after a notification; for the failure detector after it changed a row.</summary>
    public void RequestRefresh() => SignalRefresh();

    /// <summary>
    /// Reads the table at once and says whether that worked; the failure detector's check, when no other silo has
    /// answered for a while, that this silo can still learn whether it was declared dead.
    /// </summary>
    public async Task<bool> TryReadTableAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Only the refresh loop applies what it reads, so snapshots never go back in time; this read asks it to.
            await table.ReadAllAsync(cancellationToken);
            SignalRefresh();
            return true;
        }
        catch (Exception exception)
        {
            // A read that outlasts the caller's deadline failed as much as one that threw.
            LogRefreshFailed(logger, exception);
            return false;
        }
    }

    /// <summary>
    /// Stops this silo as if declared dead: cut off from the membership table and from every other silo for
    /// <paramref name="isolatedFor"/>, it may have been declared dead without being able to read so, and its grains
    /// may already run elsewhere.
    /// </summary>
    public void LeaveIsolated(TimeSpan isolatedFor)
    {
        if (Volatile.Read(ref _left) == 0)
        {
            LogIsolated(logger, _self!.SiloAddress, isolatedFor.TotalSeconds);
            OnDeclaredDead();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // The loops stop in every case, also after this silo was declared Dead (which set _left already).
        var declaredDead = Interlocked.Exchange(ref _left, 1) != 0;
        await _stopping.CancelAsync();
        await _loops;
        watcher.Changed -= OnTableChanged;
        if (_self is not null && !declaredDead)
        {
            await TryWriteSelfAsync(SiloStatus.Dead, CancellationToken.None);
            LogLeft(logger, _self.SiloAddress);
        }

        _refreshSignal.Dispose();
    }

    private void OnTableChanged(MembershipChange change) => SignalRefresh();

    private void SignalRefresh()
    {
        try
        {
            _refreshSignal.Release();
        }
        catch (SemaphoreFullException)
        {
            // A refresh is already due; one read covers every change up to it.
        }
        catch (ObjectDisposedException)
        {
            // Left the cluster meanwhile.
        }
    }

    private async Task WriteSelfAsync(SiloStatus status, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxWriteAttempts; attempt++)
        {
            var data = await table.ReadRowAsync(_self!.SiloAddress, cancellationToken);
            var entry = _self with { Status = status, IAmAliveTime = timeProvider.GetUtcNow() };
            var written = data.TryGet(_self.SiloAddress, out var stored, out var etag)
                ? stored.Status != SiloStatus.Dead && await table.UpdateRowAsync(entry with { SuspectTimes = stored.SuspectTimes }, etag, data.Version.Next(), cancellationToken)
                : await table.InsertRowAsync(entry, data.Version.Next(), cancellationToken);
            if (written)
            {
                _self = entry;
                return;
            }

            if (stored?.Status == SiloStatus.Dead)
            {
                throw new InvalidOperationException($"Silo {_self.SiloAddress} was declared Dead and cannot become {status}; restart it to join as a new generation.");
            }

            // Another silo changed the table between our read and write: read again and retry.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), timeProvider, cancellationToken);
        }

        throw new InvalidOperationException($"Could not write silo {_self!.SiloAddress} as {status} after {MaxWriteAttempts} attempts; the membership table is changing too often.");
    }

    private async Task TryWriteSelfAsync(SiloStatus status, CancellationToken cancellationToken)
    {
        try
        {
            await WriteSelfAsync(status, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogStatusWriteFailed(logger, exception, _self!.SiloAddress, status);
        }
    }

    private async Task IAmAliveLoopAsync()
    {
        using var timer = new PeriodicTimer(options.Value.IAmAlivePeriod, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                try
                {
                    if (!await table.UpdateIAmAliveAsync(_self! with { IAmAliveTime = timeProvider.GetUtcNow() }, _stopping.Token))
                    {
                        OnDeclaredDead();
                        return;
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogIAmAliveFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Leaving.
        }
    }

    private async Task RefreshLoopAsync()
    {
        var period = options.Value.TableRefreshPeriod;
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                await _refreshSignal.WaitAsync(period, _stopping.Token);
                try
                {
                    await RefreshAsync(_stopping.Token);
                    await CleanupDefunctIfDueAsync(_stopping.Token);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogRefreshFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Leaving.
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var data = await table.ReadAllAsync(cancellationToken);
        var snapshot = new MembershipSnapshot(data.Version.Version, [.. data.Members.Select(member => member.Entry)]);

        // Reads overlap (the refresh loop's and BeginShutdownAsync's): one that began before a newer one was applied
        // must not replace it, or a stopping silo forgets that its peer is stopping too and places grains there.
        MembershipSnapshot current;
        do
        {
            current = _current;
            if (snapshot.Version < current.Version)
            {
                return;
            }
        }
        while (!ReferenceEquals(Interlocked.CompareExchange(ref _current, snapshot, current), current));

        if (snapshot.StatusOf(_self!.SiloAddress) == SiloStatus.Dead && Volatile.Read(ref _left) == 0)
        {
            OnDeclaredDead();
        }

        Changed?.Invoke(snapshot);
    }

    private async Task CleanupDefunctIfDueAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (now - _lastCleanup < options.Value.DefunctSiloCleanupPeriod)
        {
            return;
        }

        _lastCleanup = now;
        var deleted = await table.CleanupDefunctSiloEntriesAsync(now - options.Value.DefunctSiloExpiration, cancellationToken);
        if (deleted > 0)
        {
            LogDefunctDeleted(logger, deleted);
        }
    }

    private void OnDeclaredDead()
    {
        if (Interlocked.Exchange(ref _left, 1) == 0)
        {
            LogDeclaredDead(logger, _self!.SiloAddress);
            DeclaredDead?.Invoke();
            lifetime.StopApplication();
        }
    }
}
