namespace Cluster.Runtime.Generators;

/// <summary>A grain or observer interface whose proxy can be generated.</summary>
/// <param name="InterfaceType">The fully qualified interface.</param>
/// <param name="ProxyName">The proxy class name in <c>Cluster.Generated</c>.</param>
/// <param name="HintName">The generated file's name.</param>
/// <param name="Methods">Every method of the interface and of the interfaces it derives from.</param>
/// <param name="Requests">Under which interfaces each method's request is registered for receivers.</param>
internal sealed record ProxyModel(string InterfaceType, string ProxyName, string HintName, EquatableArray<MethodModel> Methods, EquatableArray<RequestRegistration> Requests)
{
    public ProxyRegistration ToRegistration() => new(InterfaceType, ProxyName, Requests);
}
