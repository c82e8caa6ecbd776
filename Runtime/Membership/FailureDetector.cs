using System.Collections.Concurrent;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Messaging.Remote;
using Cluster.Runtime.Placement;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Membership;

/// <summary>
/// Probes every other Active or ShuttingDown silo over its connection each <c>ProbePeriod</c>. A silo that misses
/// <c>MissedProbesLimit</c> probes in a row (no answer within <c>ProbeTimeout</c>, or no connection at all) gets this
/// silo's vote in the membership table; the vote that brings the fresh votes to <c>NumVotesForDeathDeclaration</c>
/// (at most the number of other live silos, so one in a two-silo cluster) declares it Dead in the same write. Every
/// write is a compare-and-swap on the table version, and a voter first checks that it is not Dead itself, so of two
/// silos that lose sight of each other at most one declares the other dead. Answers also carry each silo's
/// activation count, which placement weighs.
/// </summary>
internal sealed partial class FailureDetector(
    IMembershipTable table,
    MembershipService membership,
    SiloGateway gateway,
    SiloConnections connections,
    PlacementDirector placement,
    IOptions<ClusterMembershipOptions> options,
    TimeProvider timeProvider,
    ILogger<FailureDetector> logger) : ISiloLifecycleParticipant
{
    private const int MaxVoteAttempts = 5;

    private readonly ConcurrentDictionary<SiloAddress, int> _misses = new();
    private readonly ConcurrentDictionary<SiloAddress, bool> _probing = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private long _lastAnswer = timeProvider.GetTimestamp();
    private int _checkingIsolation;


    public int Stage => SiloLifecycleStage.Cluster;

    public Task OnStartAsync(CancellationToken cancellationToken)
    {
        _loop = ProbeLoopAsync();
        return Task.CompletedTask;
    }

    public async Task OnStopAsync(CancellationToken cancellationToken)
    {
        // A leaving silo no longer judges others.
        await _stopping.CancelAsync();
        await _loop;
    }

    private async Task ProbeLoopAsync()
    {
        using var timer = new PeriodicTimer(options.Value.ProbePeriod, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                var self = gateway.SiloAddress!;
                var targets = membership.Current.Entries
                    .Where(entry => entry.SiloAddress != self && entry.Status is SiloStatus.Active or SiloStatus.ShuttingDown)
                    .Select(entry => entry.SiloAddress)
                    .ToHashSet();
                foreach (var silo in _misses.Keys.Where(silo => !targets.Contains(silo)))
                {
                    _misses.TryRemove(silo, out _);
                }

                foreach (var silo in targets)
                {
                    // One probe per silo at a time: a silo that hangs costs one probe per timeout, not a pile of them.
                    if (_probing.TryAdd(silo, true))
                    {
                        _ = ProbeAsync(silo);
                    }
                }

                CheckIsolation(targets.Count);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task ProbeAsync(SiloAddress silo)
    {
        try
        {
            var answered = false;
            if (connections.FindForProbe(silo) is { } connection)
            {
                try
                {
                    placement.ReportLoad(silo, await connection.ProbeAsync(options.Value.ProbeTimeout, _stopping.Token));
                    answered = true;
                    Volatile.Write(ref _lastAnswer, timeProvider.GetTimestamp());
                }
                catch (Exception exception) when (exception is TimeoutException or Transport.TransportException)
                {
                    LogProbeMissed(logger, silo, exception.Message);
                }
            }

            if (answered)
            {
                _misses[silo] = 0;
                return;
            }

            var misses = _misses.AddOrUpdate(silo, 1, static (_, count) => count + 1);
            if (misses >= MissesToSuspect(silo))
            {
                _misses[silo] = 0;
                await VoteAsync(silo, misses);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception exception)
        {
            LogVoteFailed(logger, exception, silo);
        }
        finally
        {
            _probing.TryRemove(silo, out _);
        }
    }

    /// <summary>
    /// When no other silo has answered for as long as they take to start voting a silo dead, checks that the table is
    /// still readable; if it is not either, this silo may have been declared dead without being able to learn it, while
    /// clients that still reach it would be served by grains that already run elsewhere, so it stops as if declared.
    /// A silo with nobody to probe is not isolated: none could have judged it.
    /// </summary>
    private void CheckIsolation(int others)
    {
        var limit = options.Value.ProbePeriod * options.Value.MissedProbesLimit;
        if (others == 0)
        {
            Volatile.Write(ref _lastAnswer, timeProvider.GetTimestamp());
            return;
        }

        if (timeProvider.GetElapsedTime(Volatile.Read(ref _lastAnswer)) < limit || Interlocked.Exchange(ref _checkingIsolation, 1) != 0)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                deadline.CancelAfter(limit);
                var readable = await membership.TryReadTableAsync(deadline.Token);
                var silent = timeProvider.GetElapsedTime(Volatile.Read(ref _lastAnswer));
                if (!readable && !_stopping.IsCancellationRequested && silent >= limit)
                {
                    membership.LeaveIsolated(silent);
                }
            }
            finally
            {
                Volatile.Write(ref _checkingIsolation, 0);
            }
        });
    }

    /// <summary>
    /// A ShuttingDown silo closes its connections as it drains them (for up to <c>Transport:DrainTimeout</c>) before it
    /// writes itself Dead, so it is suspected only after five times as many misses: a crash during shutdown is still
    /// detected, a normal stop is not taken for one.
    /// </summary>
    private int MissesToSuspect(SiloAddress silo) =>
        membership.Current.StatusOf(silo) == SiloStatus.ShuttingDown ? options.Value.MissedProbesLimit * 5 : options.Value.MissedProbesLimit;

    private async Task VoteAsync(SiloAddress suspect, int misses)
    {
        var self = gateway.SiloAddress!;
        var settings = options.Value;
        for (var attempt = 1; attempt <= MaxVoteAttempts; attempt++)
        {
            var data = await table.ReadAllAsync(_stopping.Token);
            if (!data.TryGet(suspect, out var entry, out var etag) || entry.Status == SiloStatus.Dead)
            {
                return;
            }

            if (!data.TryGet(self, out var own, out _) || own.Status == SiloStatus.Dead)
            {
                // Declared dead itself (perhaps by the suspect): a dead silo's judgement does not count.
                return;
            }

            var now = timeProvider.GetUtcNow();
            var voted = (entry with { SuspectTimes = entry.VotesSince(now - settings.DeathVoteExpiration) }).WithVote(self, now);
            // Every live member but the suspect may vote, so a silo that is joining or leaving does not lower the bar.
            var voters = data.Members.Count(member => member.Entry.Status is SiloStatus.Joining or SiloStatus.Active or SiloStatus.ShuttingDown
                && member.Entry.SiloAddress != suspect);
            var required = Math.Min(settings.NumVotesForDeathDeclaration, Math.Max(1, voters));
            var declareDead = voted.SuspectTimes.Count >= required;
            if (await table.UpdateRowAsync(declareDead ? voted.WithStatus(SiloStatus.Dead) : voted, etag, data.Version.Next(), _stopping.Token))
            {
                if (declareDead)
                {
                    LogDeclaredDead(logger, suspect, misses, voted.SuspectTimes.Count);
                    membership.RequestRefresh();
                }
                else
                {
                    LogVoted(logger, suspect, misses, voted.SuspectTimes.Count, required);
                }

                return;
            }

            // The table changed between the read and the write: read again and judge again.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Probe of silo {Silo} missed: {Reason}")]
    private static partial void LogProbeMissed(ILogger logger, SiloAddress silo, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} missed {Misses} probes; voted it dead ({Votes} of {Required} votes)")]
    private static partial void LogVoted(ILogger logger, SiloAddress silo, int misses, int votes, int required);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} missed {Misses} probes; declared it Dead with {Votes} votes")]
    private static partial void LogDeclaredDead(ILogger logger, SiloAddress silo, int misses, int votes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Voting silo {Silo} dead failed; the next missed probes try again")]
    private static partial void LogVoteFailed(ILogger logger, Exception exception, SiloAddress silo);
}
