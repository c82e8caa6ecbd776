namespace Cluster.Runtime.Generators;

/// <summary>
/// What the metadata provider needs about one proxy. Kept apart from <see cref="ProxyModel"/> so that editing a
/// method regenerates only that interface's proxy, not the provider.
/// </summary>
internal sealed record ProxyRegistration(string InterfaceType, string ProxyName);
