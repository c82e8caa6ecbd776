using System.Collections.Frozen;

namespace Cluster.Runtime.Messaging.Remote;

/// <summary>
/// The first frame on a connection, each way. A silo tells the client which grain type serves each grain
/// interface, so a client without grain classes can address grains.
/// </summary>
/// <param name="ProtocolVersion">The wire protocol version; peers outside the versions this process speaks are refused.</param>
/// <param name="ProcessId">The sender's process identity; observer references of a client start with it.</param>
/// <param name="Role">"silo" or "client".</param>
/// <param name="GrainTypes">Interface full name to grain type name, from silos; empty from clients.</param>
/// <param name="SiloAddress">From silos, their address (<c>host:port@generation</c>) in the cluster; null from clients.</param>
/// <param name="HostedTypes">
/// From silos, every grain type they can activate, so that placement only picks silos that can (during a rolling
/// upgrade, not every silo has every grain class yet); null from clients, and from silos that predate the field.
/// </param>
/// <param name="TargetSilo">
/// From a silo opening a link, the silo start it means to reach (<c>host:port@generation</c>): a newer start on the
/// same endpoint refuses the connection before serving or using it. Null from clients, which connect to whatever
/// silo listens there, and from silos that predate the field.
/// </param>
internal sealed record HelloMessage(
    int ProtocolVersion,
    string ProcessId,
    string Role,
    IReadOnlyDictionary<string, string> GrainTypes,
    string? SiloAddress = null,
    IReadOnlyList<string>? HostedTypes = null,
    string? TargetSilo = null)
{
    // Built on first use: clients ask on every call they route through a gateway.
    private FrozenSet<string>? _hostedSet;

    /// <summary>Whether the sender can activate grains of <paramref name="grainType"/>; a silo that does not say is assumed to.</summary>
    public bool CanHost(string grainType) =>
        HostedTypes is null || (_hostedSet ??= HostedTypes.ToFrozenSet(StringComparer.Ordinal)).Contains(grainType);

    // 2: a request may carry a request context.
    public const int CurrentProtocolVersion = 2;

    // Peers from this version on are served (requests to them carry what their version reads), so processes can be
    // upgraded one at a time.
    public const int MinSupportedProtocolVersion = 1;

    public const int RequestContextProtocolVersion = 2;

    public const string SiloRole = "silo";

    public const string ClientRole = "client";
}
