using System.Reflection;
using Cluster.Runtime.CodeGeneration;
using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;
using Cluster.Runtime.Placement;

namespace Cluster.Runtime.Activation;

/// <summary>What the runtime knows of a grain class, read once at start (never on the call path).</summary>
internal sealed class GrainClassInfo
{
    private const string GrainSuffix = "Grain";

    public GrainClassInfo(GrainMetadataBuilder.GrainClassRegistration registration, TimeSpan defaultCollectionAge, IReadOnlyDictionary<string, TimeSpan> collectionAgeByType)
    {
        ClassType = registration.GrainClass;
        Create = registration.Create;
        StorageNames = registration.StorageNames;
        TypeName = ClassType.GetCustomAttribute<GrainTypeAttribute>()?.Name ?? ConventionalName(ClassType);
        IsReentrant = ClassType.IsDefined(typeof(ReentrantAttribute), inherit: true);
        MaxLocalWorkers = ClassType.GetCustomAttribute<StatelessWorkerAttribute>(inherit: true)?.MaxLocalWorkers ?? 0;
        CollectionAge = collectionAgeByType.TryGetValue(TypeName, out var configured)
            ? configured
            : ClassType.GetCustomAttribute<CollectionAgeLimitAttribute>(inherit: true)?.Amount ?? defaultCollectionAge;
        Interfaces = [.. ClassType.GetInterfaces().Where(IsGrainInterface)];
        Placement = ClassType.GetCustomAttribute<PlacementAttribute>(inherit: true)?.Strategy ?? PlacementStrategy.ActivationCountBased;
    }

    public Type ClassType { get; }

    public string TypeName { get; }

    public Func<IGrainActivationContext, Grain> Create { get; }

    public IReadOnlyList<string> StorageNames { get; }

    public bool IsReentrant { get; }

    public bool IsStatelessWorker => MaxLocalWorkers > 0;

    public int MaxLocalWorkers { get; }

    public TimeSpan CollectionAge { get; }

    public IReadOnlyList<Type> Interfaces { get; }

    public PlacementStrategy Placement { get; }

    public static string ConventionalName(Type grainClass)
    {
        var name = grainClass.Name;
        if (name.Length > GrainSuffix.Length && name.EndsWith(GrainSuffix, StringComparison.Ordinal))
        {
            name = name[..^GrainSuffix.Length];
        }

        return name.ToLowerInvariant();
    }

    private static bool IsGrainInterface(Type type) =>
        typeof(IGrain).IsAssignableFrom(type)
        && type != typeof(IGrain)
        && type != typeof(IGrainWithStringKey)
        && type != typeof(IGrainWithGuidKey)
        && type != typeof(IGrainWithIntegerKey);
}
