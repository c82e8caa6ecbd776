using System.Diagnostics;
using Cluster.Runtime.Activation;
using Cluster.Runtime.Core;
using Cluster.Runtime.Membership;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.Runtime.Diagnostics;

/// <summary>
/// This silo's own figures for the dashboard, read when asked and never before: the call and storage histograms come
/// from the <see cref="MetricsCollector"/>, which starts listening on the first report, so a silo nobody watches pays
/// nothing. Also deactivates one of this silo's activations on an operator's request.
/// </summary>
public sealed class SiloStatistics
{
    /// <summary>The name a silo outside a cluster reports as its address.</summary>
    public const string LocalSilo = "local";

    private static readonly DateTimeOffset StartedAt = Process.GetCurrentProcess().StartTime.ToUniversalTime();

    private readonly GrainRuntime _runtime;
    private readonly IServiceProvider _services;

    internal SiloStatistics(GrainRuntime runtime, IServiceProvider services)
    {
        _runtime = runtime;
        _services = services;
    }

    /// <summary>This silo's address as membership lists it, or <see cref="LocalSilo"/> outside a cluster.</summary>
    public string Silo => _services.GetService<MembershipService>()?.SiloAddress?.ToString() ?? LocalSilo;

    /// <summary>A report of this silo now.</summary>
    public SiloReport Capture()
    {
        var collector = _services.GetService<MetricsCollector>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var measurement in _runtime.Catalog.CountByType())
        {
            foreach (var tag in measurement.Tags)
            {
                counts[(string)tag.Value!] = (int)measurement.Value;
            }
        }

        return new SiloReport(
            Silo,
            Status(),
            _runtime.TimeProvider.GetUtcNow(),
            StartedAt,
            ProcessNow(),
            _runtime.Clients.Snapshot().Count(connection => !connection.IsClosed),
            counts,
            collector?.CollectHistogram(RuntimeMetrics.GrainCallDurationName) ?? [],
            collector?.CollectHistogram(RuntimeMetrics.StorageOperationDurationName) ?? []);
    }

    /// <summary>The members of the cluster as this silo reads them, or this silo alone outside a cluster.</summary>
    public IReadOnlyList<SiloMember> Members()
    {
        if (_services.GetService<MembershipService>() is not { SiloAddress: not null } membership)
        {
            return [new SiloMember(LocalSilo, Environment.MachineName, Environment.MachineName, nameof(SiloStatus.Active), StartedAt, _runtime.TimeProvider.GetUtcNow())];
        }

        return [.. membership.Current.Entries.Select(entry => new SiloMember(
            entry.SiloAddress.ToString(), entry.SiloName, entry.HostName, entry.Status.ToString(), entry.StartTime, entry.IAmAliveTime))];
    }

    /// <summary>Deactivates <paramref name="grain"/> if it is active on this silo, after its running calls end.</summary>
    /// <returns>Whether it was active here.</returns>
    public async Task<bool> DeactivateAsync(GrainId grain)
    {
        if (_runtime.Catalog.Find(grain) is not { } activation)
        {
            return false;
        }

        await activation.DeactivateAsync(DeactivationReason.ApplicationRequested);
        return true;
    }

    /// <summary>
    /// The persistent states of <paramref name="grain"/> as storage holds them, if it is active on this silo (its states
    /// are known from its activation); null if it is not active here.
    /// </summary>
    public async Task<IReadOnlyList<GrainStateSnapshot>?> ReadStatesAsync(GrainId grain, CancellationToken cancellationToken)
    {
        if (_runtime.Catalog.Find(grain) is not { } activation)
        {
            return null;
        }

        var snapshots = new List<GrainStateSnapshot>(activation.States.Count);
        foreach (var state in activation.States)
        {
            snapshots.Add(await state.ReadStoredAsync(cancellationToken));
        }

        return snapshots;
    }

    /// <summary>Whether <paramref name="grain"/> is active on this silo now.</summary>
    public bool IsActive(GrainId grain) => _runtime.Catalog.Find(grain) is not null;

    private string Status()
    {
        if (_services.GetService<MembershipService>() is not { SiloAddress: { } self } membership)
        {
            return nameof(SiloStatus.Active);
        }

        return membership.Current.StatusOf(self).ToString();
    }

    private static ProcessFigures ProcessNow()
    {
        using var process = Process.GetCurrentProcess();
        return new ProcessFigures(
            Environment.ProcessorCount,
            process.TotalProcessorTime.TotalSeconds,
            process.WorkingSet64,
            GC.GetGCMemoryInfo().HeapSizeBytes,
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2),
            GC.GetTotalPauseDuration().TotalSeconds,
            ThreadPool.ThreadCount,
            ThreadPool.PendingWorkItemCount);
    }
}
