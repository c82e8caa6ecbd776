using Cluster.Runtime.CodeGeneration;
using Cluster.Runtime.Core;
using Cluster.Runtime.Directory;
using Cluster.Runtime.Messaging;
using Cluster.Runtime.Messaging.Remote;
using Cluster.Runtime.Observers;

namespace Cluster.Runtime.Client;

internal sealed partial class ClusterClient
{
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
        try
        {
            if (await locator.LookupAsync(target) is not { } address || !TrySendToHost(address, target, request))
            {
                RouteThroughGateway(target, request);
            }
        }
        catch (Exception exception)
        {
            // Nothing may escape a task nobody awaits: the caller learns why instead of timing out.
            request.TryFail(new SiloUnavailableException($"The call to {request} could not be routed: {exception.Message}"));
        }
    }

    /// <summary>Sends the call straight to the silo of <paramref name="address"/> when a connection to that very start is open.</summary>
    private bool TrySendToHost(GrainAddress address, GrainId target, Request request)
    {
        foreach (var link in Volatile.Read(ref _links))
        {
            // The very start the directory names: a newer start on the same endpoint does not host the activation.
            if (link.RemoteSilo == address.SiloAddress && link.Connection is { } connection)
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

    /// <summary>
    /// The connected gateway for <paramref name="target"/> by rendezvous hashing: every client sends a grain's calls to
    /// the same silo while the set of gateways is stable, and only the grains of a lost gateway move. Gateways that can
    /// host the grain's type come first, so during a rolling upgrade that adds a grain class its calls reach a silo
    /// that knows it; any gateway serves otherwise (an observer, a type no silo has said it hosts).
    /// </summary>
    private MessageConnection? PickConnection(GrainId target)
    {
        (MessageConnection? Connection, ulong Score) hosting = (null, 0);
        (MessageConnection? Connection, ulong Score) any = (null, 0);
        foreach (var link in Volatile.Read(ref _links))
        {
            if (link.Connection is not { } connection)
            {
                continue;
            }

            // A hash that every process computes alike (string.GetHashCode is randomized per process).
            var score = StableHash.Of(target.Type, target.Key, link.Endpoint.Host, link.Endpoint.Port);
            if (any.Connection is null || score > any.Score)
            {
                any = (connection, score);
            }

            if (connection.RemoteHello.IsCompletedSuccessfully && connection.RemoteHello.Result.CanHost(target.Type) && (hosting.Connection is null || score > hosting.Score))
            {
                hosting = (connection, score);
            }
        }

        return hosting.Connection ?? any.Connection;
    }
}
