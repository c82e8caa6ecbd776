namespace Cluster.Runtime.Generators;

/// <summary>
/// What the metadata provider needs about one proxy. Kept apart from <see cref="ProxyModel"/> so that editing what
/// only the proxy uses (parameter names, scheduling attributes, return types) regenerates that proxy, not the provider.
/// </summary>
/// <param name="InterfaceType">The fully qualified interface.</param>
/// <param name="ProxyName">The proxy class name in <c>Cluster.Generated</c>.</param>
/// <param name="Requests">The request factories the proxy's methods register.</param>
internal sealed record ProxyRegistration(string InterfaceType, string ProxyName, EquatableArray<RequestRegistration> Requests);
