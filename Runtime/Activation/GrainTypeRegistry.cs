using System.Collections.Concurrent;
using System.Reflection;
using Cluster.Runtime.CodeGeneration;
using Cluster.Runtime.Core;

namespace Cluster.Runtime.Activation;

/// <summary>
/// The generated proxies and grain classes the process knows. Grain classes come from the assemblies given at
/// start; proxies are loaded on first use from the assembly that declares the interface, so a process can call
/// grain interfaces it never registered.
/// </summary>
internal sealed class GrainTypeRegistry
{
    private readonly Lock _lock = new();
    private readonly HashSet<Assembly> _loaded = [];
    private readonly ConcurrentDictionary<Type, Func<GrainCallInvoker, GrainId, GrainReference>> _proxies = new();
    private readonly Dictionary<string, GrainClassInfo> _classesByTypeName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, List<GrainClassInfo>> _classesByInterface = [];

    public GrainTypeRegistry(IEnumerable<Assembly> grainAssemblies, TimeSpan defaultCollectionAge, IReadOnlyDictionary<string, TimeSpan> collectionAgeByType)
    {
        foreach (var assembly in grainAssemblies.Distinct())
        {
            var builder = Load(assembly);
            if (builder is null)
            {
                continue;
            }

            foreach (var registration in builder.GrainClasses)
            {
                var info = new GrainClassInfo(registration, defaultCollectionAge, collectionAgeByType);
                if (_classesByTypeName.TryGetValue(info.TypeName, out var existing))
                {
                    throw new InvalidOperationException(
                        $"Grain classes {existing.ClassType.FullName} and {info.ClassType.FullName} both have grain type name '{info.TypeName}'; give one a different name with [GrainType(\"...\")].");
                }

                _classesByTypeName.Add(info.TypeName, info);
                foreach (var grainInterface in info.Interfaces)
                {
                    if (!_classesByInterface.TryGetValue(grainInterface, out var classes))
                    {
                        _classesByInterface[grainInterface] = classes = [];
                    }

                    classes.Add(info);
                }
            }
        }
    }

    public IEnumerable<GrainClassInfo> Classes => _classesByTypeName.Values;

    public GrainClassInfo? FindClass(string grainTypeName) =>
        _classesByTypeName.GetValueOrDefault(grainTypeName);

    /// <summary>The grain type name that calls through <paramref name="grainInterface"/> address.</summary>
    public string ResolveTypeName(Type grainInterface)
    {
        if (_classesByInterface.TryGetValue(grainInterface, out var classes))
        {
            if (classes.Count == 1)
            {
                return classes[0].TypeName;
            }

            // As in Orleans, a class named like the interface (IUserGrain and UserGrain) is its primary implementation.
            var primary = classes.Where(c => string.Equals("I" + c.ClassType.Name, grainInterface.Name, StringComparison.Ordinal)).ToList();
            return primary.Count == 1
                ? primary[0].TypeName
                : throw new InvalidOperationException(
                    $"Grain interface {grainInterface.FullName} is implemented by several grain classes ({string.Join(", ", classes.Select(c => c.ClassType.Name))}); name one of them after the interface, or give each its own interface.");
        }

        throw new InvalidOperationException(
            $"No grain class implements {grainInterface.FullName}. Add one in an assembly the silo loads (it is found automatically when referenced by the host, or add it with silo.AddGrainAssembly(...)).");
    }

    public Func<GrainCallInvoker, GrainId, GrainReference> GetProxyFactory(Type addressableInterface)
    {
        if (_proxies.TryGetValue(addressableInterface, out var factory))
        {
            return factory;
        }

        Load(addressableInterface.Assembly);
        return _proxies.TryGetValue(addressableInterface, out factory)
            ? factory
            : throw new InvalidOperationException(
                $"No proxy was generated for {addressableInterface.FullName}. Grain and observer interfaces get proxies when the project declaring them references Cluster.Runtime; check the build for generator errors (CLR0001...).");
    }

    private GrainMetadataBuilder? Load(Assembly assembly)
    {
        lock (_lock)
        {
            if (!_loaded.Add(assembly))
            {
                return null;
            }

            var attribute = assembly.GetCustomAttribute<GrainMetadataProviderAttribute>();
            if (attribute is null)
            {
                return null;
            }

            var builder = new GrainMetadataBuilder();
            ((IGrainMetadataProvider)Activator.CreateInstance(attribute.ProviderType)!).Populate(builder);
            foreach (var (type, factory) in builder.ProxyFactories)
            {
                _proxies[type] = factory;
            }

            return builder;
        }
    }
}
