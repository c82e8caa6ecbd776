namespace Cluster.Runtime.Generators;

/// <summary>Full names of the runtime contract types the generator recognises or emits.</summary>
internal static class KnownTypeNames
{
    public const string CoreNamespace = "Cluster.Runtime.Core";
    public const string ObserversNamespace = "Cluster.Runtime.Observers";
    public const string RemindersNamespace = "Cluster.Runtime.Reminders";
    public const string CodeGenerationNamespace = "global::Cluster.Runtime.CodeGeneration";

    public const string AddressableName = "IAddressable";
    public const string GrainInterfaceName = "IGrain";
    public const string StringKeyName = "IGrainWithStringKey";
    public const string GuidKeyName = "IGrainWithGuidKey";
    public const string IntegerKeyName = "IGrainWithIntegerKey";
    public const string ObserverName = "IGrainObserver";
    public const string GrainClassName = "Grain";
    public const string RemindableName = "IRemindable";

    public const string OneWayAttribute = "Cluster.Runtime.Concurrency.OneWayAttribute";
    public const string ReadOnlyAttribute = "Cluster.Runtime.Concurrency.ReadOnlyAttribute";
    public const string AlwaysInterleaveAttribute = "Cluster.Runtime.Concurrency.AlwaysInterleaveAttribute";
    public const string ResponseTimeoutAttribute = "Cluster.Runtime.Concurrency.ResponseTimeoutAttribute";
    public const string PersistentStateAttribute = "Cluster.Runtime.Storage.PersistentStateAttribute";
    public const string PersistentStateInterface = "Cluster.Runtime.Storage.IPersistentState<TState>";
    public const string ActivationContext = "Cluster.Runtime.CodeGeneration.IGrainActivationContext";
    public const string DefaultStorageName = "Default";

    public const string Task = "System.Threading.Tasks.Task";
    public const string TaskOfT = "System.Threading.Tasks.Task<TResult>";
    public const string ValueTask = "System.Threading.Tasks.ValueTask";
    public const string ValueTaskOfT = "System.Threading.Tasks.ValueTask<TResult>";
    public const string AsyncEnumerable = "System.Collections.Generic.IAsyncEnumerable<T>";
    public const string CancellationToken = "System.Threading.CancellationToken";

    public const string ServiceProviderExtensions = "global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions";
}
