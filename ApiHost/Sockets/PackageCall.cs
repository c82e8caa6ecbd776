using Cluster.ApiHost.Identity;

namespace Cluster.ApiHost.Sockets;

/// <summary>One request as a package handler gets it.</summary>
/// <param name="Request">The request, its data matching the package's schema.</param>
/// <param name="Caller">Who sent it, as of the connection's last session check.</param>
/// <param name="Connection">The connection, for messages pushed after the answer.</param>
public sealed record PackageCall(PackageRequest Request, AuthenticatedCaller Caller, IPackagePushTarget Connection);
