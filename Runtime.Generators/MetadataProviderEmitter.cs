using System;
using System.Collections.Immutable;
using System.Linq;

namespace Cluster.Runtime.Generators;

/// <summary>Writes the class that registers every proxy and grain activator of the compilation with the runtime.</summary>
internal static class MetadataProviderEmitter
{
    private const string CodeGeneration = KnownTypeNames.CodeGenerationNamespace;

    public const string HintName = "Cluster.Generated.GrainMetadata.g.cs";

    public static string Emit(string providerName, ImmutableArray<ProxyRegistration> proxies, ImmutableArray<ActivatorModel> grainClasses)
    {
        var writer = new CodeWriter().FileHeader();
        writer.Line("[assembly: " + CodeGeneration + ".GrainMetadataProvider(typeof(global::Cluster.Generated." + providerName + "))]");
        writer.Line();
        writer.Open("namespace Cluster.Generated");
        writer.Open("internal sealed class " + providerName + " : " + CodeGeneration + ".IGrainMetadataProvider");
        writer.Open("public void Populate(" + CodeGeneration + ".GrainMetadataBuilder builder)");

        // Sorted so the output does not depend on the order in which files were passed to the compiler.
        foreach (var proxy in proxies.OrderBy(static p => p.InterfaceType, StringComparer.Ordinal))
        {
            writer.Line("builder.AddInterface<" + proxy.InterfaceType + ">(static (invoker, id) => new global::Cluster.Generated." + proxy.ProxyName + "(invoker, id));");
        }

        WriteRequests(writer, proxies);
        foreach (var grain in grainClasses.OrderBy(static g => g.GrainType, StringComparer.Ordinal))
        {
            var storageNames = string.Concat(grain.StorageNames.Select(static name => ", " + Names.Literal(name)));
            writer.Line("builder.AddGrainClass<" + grain.GrainType + ">(static ctx => new " + grain.GrainType + "(" + string.Join(", ", grain.Arguments) + ")" + storageNames + ");");
        }

        writer.Close();
        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    private static void WriteRequests(CodeWriter writer, ImmutableArray<ProxyRegistration> proxies)
    {
        // A base interface's methods are registered by its own proxy and again by every derived proxy, with
        // requests that behave alike; one line each suffices, and the base's own request reads most naturally.
        var requests = proxies
            .SelectMany(static proxy => proxy.Requests.Select(request => (Proxy: proxy, Request: request)))
            .GroupBy(static entry => (entry.Request.InterfaceType, entry.Request.MethodKey))
            .Select(static group => group
                .OrderBy(static entry => entry.Proxy.InterfaceType == entry.Request.InterfaceType ? 0 : 1)
                .ThenBy(static entry => entry.Proxy.ProxyName, StringComparer.Ordinal)
                .First())
            .OrderBy(static entry => entry.Request.InterfaceType, StringComparer.Ordinal)
            .ThenBy(static entry => entry.Request.MethodKey, StringComparer.Ordinal);
        foreach (var (proxy, request) in requests)
        {
            writer.Line(
                "builder.AddRequest<" + request.InterfaceType + ">(" + Names.Literal(request.MethodKey)
                + ", static () => new global::Cluster.Generated." + proxy.ProxyName + "." + request.RequestClassName + "());");
        }
    }
}
