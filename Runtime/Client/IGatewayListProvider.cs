namespace Cluster.Runtime.Client;

/// <summary>Tells a client which silo gateways exist now, as Orleans's gateway list providers do.</summary>
public interface IGatewayListProvider
{
    /// <summary>The gateways to connect to, as <c>host:port</c>.</summary>
    Task<IReadOnlyList<string>> GetGatewaysAsync(CancellationToken cancellationToken);

    /// <summary>Raised when the list may have changed; the client then asks again. Handlers return quickly.</summary>
    event Action? Changed;
}
