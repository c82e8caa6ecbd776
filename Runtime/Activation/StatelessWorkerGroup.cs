using Cluster.Runtime.CodeGeneration;
using Cluster.Runtime.Core;

namespace Cluster.Runtime.Activation;

/// <summary>The local activations of one stateless worker key: calls go to an idle one, else a new one up to the limit, else the least loaded.</summary>
internal sealed class StatelessWorkerGroup(GrainRuntime runtime, GrainId grainId, GrainClassInfo classInfo)
{
    private readonly List<ActivationData> _workers = [];

    public int Count
    {
        get
        {
            lock (_workers)
            {
                return _workers.Count;
            }
        }
    }

    public IReadOnlyList<ActivationData> Snapshot()
    {
        lock (_workers)
        {
            return [.. _workers];
        }
    }

    public void Dispatch(Request request)
    {
        while (true)
        {
            var worker = Choose();
            if (worker.TryEnqueue(request))
            {
                return;
            }

            Remove(worker);
        }
    }

    public void Remove(ActivationData worker)
    {
        lock (_workers)
        {
            _workers.Remove(worker);
        }
    }

    private ActivationData Choose()
    {
        lock (_workers)
        {
            ActivationData? leastLoaded = null;
            var lowest = int.MaxValue;
            foreach (var worker in _workers)
            {
                var load = worker.Load;
                if (load < lowest)
                {
                    (leastLoaded, lowest) = (worker, load);
                }
            }

            if (leastLoaded is not null && (lowest == 0 || _workers.Count >= classInfo.MaxLocalWorkers))
            {
                return leastLoaded;
            }

            var added = new ActivationData(runtime, grainId, classInfo);
            _workers.Add(added);
            return added;
        }
    }
}
