using Cluster.Runtime.CodeGeneration;
using Cluster.Runtime.Core;
using Cluster.Runtime.Observers;

namespace Cluster.Runtime.Activation;

/// <summary>The <see cref="IClusterClient"/> of a process that hosts a silo: references go straight to the local catalog.</summary>
internal sealed class RuntimeGrainFactory(GrainRuntime runtime) : IClusterClient
{
    public IServiceProvider ServiceProvider => runtime.Services;

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey)
        where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(primaryKey);
        return GetReference<TGrainInterface>(new GrainId(runtime.Registry.ResolveTypeName(typeof(TGrainInterface)), primaryKey));
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey)
        where TGrainInterface : IGrainWithGuidKey =>
        GetReference<TGrainInterface>(new GrainId(runtime.Registry.ResolveTypeName(typeof(TGrainInterface)), GrainKeys.Format(primaryKey)));

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey)
        where TGrainInterface : IGrainWithIntegerKey =>
        GetReference<TGrainInterface>(new GrainId(runtime.Registry.ResolveTypeName(typeof(TGrainInterface)), GrainKeys.Format(primaryKey)));

    public TGrainObserverInterface CreateObjectReference<TGrainObserverInterface>(IGrainObserver observer)
        where TGrainObserverInterface : IGrainObserver =>
        GetReference<TGrainObserverInterface>(runtime.Observers.Register(observer));

    public void DeleteObjectReference<TGrainObserverInterface>(IGrainObserver observer)
        where TGrainObserverInterface : IGrainObserver => runtime.Observers.Unregister(observer);

    public GrainReference GetReference(Type addressableInterface, GrainId grainId) =>
        runtime.Registry.GetProxyFactory(addressableInterface)(runtime.Invoker, grainId);

    public TInterface GetReference<TInterface>(GrainId grainId)
        where TInterface : IAddressable
    {
        var reference = GetReference(typeof(TInterface), grainId);
        return reference is TInterface typed
            ? typed
            : throw new InvalidOperationException($"The proxy generated for {typeof(TInterface).FullName} does not implement it; rebuild the project that declares the interface.");
    }
}
