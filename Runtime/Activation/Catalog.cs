using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Cluster.Runtime.CodeGeneration;
using Cluster.Runtime.Core;
using Cluster.Runtime.Messaging;

namespace Cluster.Runtime.Activation;

/// <summary>
/// The silo's activations by grain id: at most one per grain (several per key for stateless workers). A new
/// activation of a grain is created only after the previous one has left the catalog, that is after its
/// <c>OnDeactivateAsync</c> and writes have finished.
/// </summary>
internal sealed class Catalog(GrainRuntime runtime)
{
    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();
    private readonly ConcurrentDictionary<GrainId, StatelessWorkerGroup> _workers = new();
    private volatile string? _closedReason = "The silo has not started yet; start the host before calling grains.";

    public int Count => _activations.Count + _workers.Values.Sum(group => group.Count);

    public IEnumerable<ActivationData> Activations =>
        _activations.Values.Concat(_workers.Values.SelectMany(group => group.Snapshot()));

    /// <summary>The activations by grain type, stateless workers counted one by one; for the activations gauge.</summary>
    public IEnumerable<Measurement<long>> CountByType()
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (grainId, _) in _activations)
        {
            counts[grainId.Type] = counts.GetValueOrDefault(grainId.Type) + 1;
        }

        foreach (var (grainId, group) in _workers)
        {
            counts[grainId.Type] = counts.GetValueOrDefault(grainId.Type) + group.Count;
        }

        return counts.Select(count => new Measurement<long>(count.Value, new KeyValuePair<string, object?>("grain.type", count.Key)));
    }

    public bool IsOpen => _closedReason is null;

    public string ClosedReason => _closedReason ?? "The silo is open.";

    public void Open() => _closedReason = null;

    public void Close() => _closedReason = "The silo is shutting down and takes no new activations; retry against another silo.";

    public void Dispatch(GrainId grainId, Request request)
    {
        var classInfo = runtime.Registry.FindClass(grainId.Type);
        if (classInfo is null)
        {
            Fail(request, new InvalidOperationException(
                $"No grain class with grain type name '{grainId.Type}' is registered in this silo; check [GrainType] names and the grain assemblies the silo loads."));
            return;
        }

        if (classInfo.IsStatelessWorker)
        {
            if (_closedReason is { } reason && !_workers.ContainsKey(grainId))
            {
                Fail(request, new SiloUnavailableException(reason));
                return;
            }

            _workers.GetOrAdd(grainId, static (id, state) => new StatelessWorkerGroup(state.runtime, id, state.classInfo), (runtime, classInfo)).Dispatch(request);
            return;
        }

        while (true)
        {
            if (!_activations.TryGetValue(grainId, out var activation))
            {
                if (_closedReason is { } reason)
                {
                    Fail(request, new SiloUnavailableException(reason));
                    return;
                }

                activation = _activations.GetOrAdd(grainId, static (id, state) => new ActivationData(state.runtime, id, state.classInfo), (runtime, classInfo));
            }

            if (activation.TryEnqueue(request))
            {
                return;
            }

            // The activation we found has just ended; make sure it is gone before looking again.
            _activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(grainId, activation));
        }
    }

    /// <summary>Queues <paramref name="request"/> on the grain's activation here, if there is one that still takes calls.</summary>
    public bool TryDispatchExisting(GrainId grainId, Request request) =>
        _activations.TryGetValue(grainId, out var activation) && activation.TryEnqueue(request);

    public void OnActivationRemoved(ActivationData activation)
    {
        if (activation.ClassInfo.IsStatelessWorker)
        {
            if (_workers.TryGetValue(activation.GrainId, out var group))
            {
                group.Remove(activation);
            }

            return;
        }

        _activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(activation.GrainId, activation));
    }

    public ActivationData? Find(GrainId grainId) => _activations.GetValueOrDefault(grainId);

    public int CollectIdle(long now)
    {
        var collected = 0;
        foreach (var activation in Activations)
        {
            if (activation.TryCollectIfIdle(now))
            {
                collected++;
            }
        }

        return collected;
    }

    /// <summary>Deactivates every activation (running calls finish first) and waits for all of them.</summary>
    public Task DeactivateAllAsync(DeactivationReason reason) =>
        Task.WhenAll(Activations.ToList().Select(activation => activation.DeactivateAsync(reason)));

    private void Fail(Request request, Exception exception) => runtime.Fail(request, exception);
}
