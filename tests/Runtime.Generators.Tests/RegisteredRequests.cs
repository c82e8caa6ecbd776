using System.Reflection;
using Cluster.Runtime.CodeGeneration;

namespace Cluster.Runtime.Generators.Tests;

/// <summary>
/// The request factories a generated assembly registers, read the way the runtime reads them: this project is not
/// among the runtime's friend assemblies, so the builder's internal members are reached by reflection.
/// </summary>
internal sealed class RegisteredRequests
{
    private readonly Assembly _assembly;

    public RegisteredRequests(Assembly assembly)
    {
        _assembly = assembly;
        var providerType = assembly.GetCustomAttribute<GrainMetadataProviderAttribute>()!.ProviderType;
        var provider = (IGrainMetadataProvider)Activator.CreateInstance(providerType)!;
        var builder = (GrainMetadataBuilder)Activator.CreateInstance(typeof(GrainMetadataBuilder), nonPublic: true)!;
        provider.Populate(builder);
        var property = typeof(GrainMetadataBuilder).GetProperty("RequestFactories", BindingFlags.Instance | BindingFlags.NonPublic)!;
        Factories = (IReadOnlyDictionary<(Type Interface, string MethodKey), Func<Request>>)property.GetValue(builder)!;
    }

    public IReadOnlyDictionary<(Type Interface, string MethodKey), Func<Request>> Factories { get; }

    /// <summary>The method keys registered under the interface named <paramref name="interfaceName"/>, sorted.</summary>
    public IReadOnlyList<string> KeysOf(string interfaceName)
    {
        var type = InterfaceType(interfaceName);
        return [.. Factories.Keys.Where(key => key.Interface == type).Select(key => key.MethodKey).Order(StringComparer.Ordinal)];
    }

    /// <summary>A fresh request, as a receiving process creates it before reading the arguments.</summary>
    public Request Create(string interfaceName, string methodKey)
    {
        var key = (InterfaceType(interfaceName), methodKey);
        Assert.True(Factories.ContainsKey(key), $"No request is registered for {interfaceName} {methodKey}; registered: {string.Join(", ", Factories.Keys)}.");
        return Factories[key]();
    }

    public Type InterfaceType(string interfaceName) => _assembly.GetType(interfaceName, throwOnError: true)!;
}
