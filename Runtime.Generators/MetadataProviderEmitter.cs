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
        foreach (var proxy in proxies.OrderBy(static p => p.InterfaceType, System.StringComparer.Ordinal))
        {
            writer.Line("builder.AddInterface<" + proxy.InterfaceType + ">(static (invoker, id) => new global::Cluster.Generated." + proxy.ProxyName + "(invoker, id));");
        }

        foreach (var grain in grainClasses.OrderBy(static g => g.GrainType, System.StringComparer.Ordinal))
        {
            var storageNames = string.Concat(grain.StorageNames.Select(static name => ", " + Names.Literal(name)));
            writer.Line("builder.AddGrainClass<" + grain.GrainType + ">(static ctx => new " + grain.GrainType + "(" + string.Join(", ", grain.Arguments) + ")" + storageNames + ");");
        }

        writer.Close();
        writer.Close();
        writer.Close();
        return writer.ToString();
    }
}
