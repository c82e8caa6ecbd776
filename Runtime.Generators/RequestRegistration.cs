namespace Cluster.Runtime.Generators;

/// <summary>One <c>AddRequest</c> call: how a receiver creates the request for a method it reaches through an interface.</summary>
/// <param name="InterfaceType">The fully qualified interface the request is registered under.</param>
/// <param name="MethodKey">The method's key (see <see cref="MethodKeys"/>).</param>
/// <param name="RequestClassName">The request class nested in the proxy that registers it.</param>
internal sealed record RequestRegistration(string InterfaceType, string MethodKey, string RequestClassName);
