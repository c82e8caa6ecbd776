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
    private readonly ConcurrentDictionary<(string Interface, string MethodKey), Func<Request>> _requests = new();

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

        // Calls from other processes name interfaces this silo serves: their requests must be known up front.
        foreach (var grainInterface in _classesByInterface.Keys)
        {
            Load(grainInterface.Assembly);
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

    /// <summary>Interface full name to the grain type name that serves it, for clients (ambiguous interfaces left out).</summary>
    public IReadOnlyDictionary<string, string> GrainTypeMap()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var grainInterface in _classesByInterface.Keys)
        {
            try
            {
                map[grainInterface.FullName!] = ResolveTypeName(grainInterface);
            }
            catch (InvalidOperationException)
            {
                // Several classes and no primary one: callers in this silo get the explanation when they use it.
            }
        }

        return map;
    }

    /// <summary>An empty request for a method named on the wire, or null when this process has no such method.</summary>
    public Request? CreateRequest(string interfaceName, string methodKey) =>
        _requests.TryGetValue((interfaceName, methodKey), out var create) ? create() : null;

    /// <summary>Loads the proxies of the assembly declaring <paramref name="addressableInterface"/>, for calls received before any were made.</summary>
    public void EnsureLoaded(Type addressableInterface) => Load(addressableInterface.Assembly);

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

            foreach (var ((type, methodKey), create) in builder.RequestFactories)
            {
                // Keyed like Request.InterfaceName, which writes nested types with a dot where FullName has a plus.
                _requests[(type.FullName!.Replace('+', '.'), methodKey)] = create;
            }

            return builder;
        }
    }
}
