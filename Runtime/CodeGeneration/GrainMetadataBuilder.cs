using System.ComponentModel;
using Cluster.Runtime.Core;

namespace Cluster.Runtime.CodeGeneration;

/// <summary>Collects the proxies and grain activators that generated code registers.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GrainMetadataBuilder
{
    internal GrainMetadataBuilder()
    {
    }

    internal Dictionary<Type, Func<GrainCallInvoker, GrainId, GrainReference>> ProxyFactories { get; } = [];

    internal List<GrainClassRegistration> GrainClasses { get; } = [];

    internal Dictionary<(Type Interface, string MethodKey), Func<Request>> RequestFactories { get; } = [];

    /// <summary>Registers the proxy factory of a grain or observer interface.</summary>
    public void AddInterface<TInterface>(Func<GrainCallInvoker, GrainId, GrainReference> createProxy)
        where TInterface : IAddressable
    {
        ArgumentNullException.ThrowIfNull(createProxy);
        ProxyFactories[typeof(TInterface)] = createProxy;
    }

    /// <summary>
    /// Registers how a receiving process creates an empty request for a method of <typeparamref name="TInterface"/>,
    /// before reading its arguments from the wire.
    /// </summary>
    public void AddRequest<TInterface>(string methodKey, Func<Request> create)
        where TInterface : IAddressable
    {
        ArgumentException.ThrowIfNullOrEmpty(methodKey);
        ArgumentNullException.ThrowIfNull(create);
        RequestFactories[(typeof(TInterface), methodKey)] = create;
    }

    /// <summary>Registers a grain class, the activator that constructs it and the storage providers it names.</summary>
    public void AddGrainClass<TGrain>(Func<IGrainActivationContext, TGrain> create, params string[] storageNames)
        where TGrain : Grain
    {
        ArgumentNullException.ThrowIfNull(create);
        GrainClasses.Add(new GrainClassRegistration(typeof(TGrain), create, storageNames));
    }

    internal sealed record GrainClassRegistration(Type GrainClass, Func<IGrainActivationContext, Grain> Create, IReadOnlyList<string> StorageNames);
}
