using System.Collections.Frozen;
using Cluster.Runtime.Messaging.Remote;

namespace Cluster.Runtime.Client;

internal sealed partial class ClusterClient
{
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
}
