using Microsoft.CodeAnalysis;

namespace Cluster.Runtime.Generators;

/// <summary>The facts about the compilation as a whole that the metadata provider depends on.</summary>
/// <param name="ProviderName">The metadata provider's class name, derived from the assembly name.</param>
/// <param name="ReferencesRuntime">Whether the runtime's registration contract is available.</param>
internal sealed record CompilationInfo(string ProviderName, bool ReferencesRuntime)
{
    public static CompilationInfo From(Compilation compilation) => new(
        "GrainMetadata_" + Names.Sanitize(compilation.AssemblyName ?? "Assembly"),
        compilation.GetTypeByMetadataName("Cluster.Runtime.CodeGeneration.IGrainMetadataProvider") is not null);
}
