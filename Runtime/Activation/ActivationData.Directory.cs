using Cluster.Runtime.CodeGeneration;
using Cluster.Runtime.Directory;
using Cluster.Runtime.Messaging;
using Cluster.Runtime.Timers;

namespace Cluster.Runtime.Activation;

internal sealed partial class ActivationData
{
    // This activation's directory entry, in a cluster: registered before the grain is created, removed after it ends.
    private GrainAddress? _address;

    /// <summary>
    /// Registers in the directory before anything of the grain runs. False when this activation must end: the
    /// directory failed (the calls fail with its error) or another activation won (the calls go there instead).
    /// </summary>
    private async Task<bool> TryRegisterAsync(ClusterRouter cluster)
    {
        (GrainAddress Registered, bool Won) registration;
        try
        {
            registration = await cluster.RegisterActivationAsync(GrainId, Guid.CreateVersion7(), _runtime.StoppingToken);
        }
        catch (Exception exception)
        {
            FailActivation(exception);
            return false;
        }

        if (registration.Won)
        {
            _address = registration.Registered;
            return true;
        }

        EndUnactivated(request => cluster.Forward(registration.Registered, request));
        return false;
    }

    /// <summary>Ends an activation whose grain never ran, handing its calls to <paramref name="reroute"/>.</summary>
    private void EndUnactivated(Action<Request> reroute)
    {
        foreach (var request in LeaveUnactivated())
        {
            if (request is not TimerTickRequest)
            {
                request.Sink = null;
                reroute(request);
            }
        }
    }

    /// <summary>Ends an activation whose grain never ran: it takes no call any more and leaves the catalog; returns the calls it held.</summary>
    private List<Request> LeaveUnactivated()
    {
        List<Request> pending;
        lock (_lock)
        {
            _status = ActivationStatus.Invalid;
            pending = _waiting.DrainAll();
        }

        _runtime.Catalog.OnActivationRemoved(this);
        _deactivated?.TrySetResult();
        return pending;
    }
}
