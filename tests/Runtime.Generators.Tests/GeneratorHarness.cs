using System.Collections.Immutable;
using Cluster.Runtime.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Cluster.Runtime.Generators.Tests;

/// <summary>Compiles test sources against the real runtime and runs the generator over them.</summary>
internal static class GeneratorHarness
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Cluster.Runtime.CodeGeneration;
        using Cluster.Runtime.Concurrency;
        using Cluster.Runtime.Core;
        using Cluster.Runtime.Observers;
        using Cluster.Runtime.Storage;

        """;

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> PlatformReferences = new(LoadPlatformReferences);

    private static readonly Lazy<MetadataReference> RuntimeReference = new(() => MetadataReference.CreateFromFile(typeof(Grain).Assembly.Location));

    public static CSharpCompilation Compile(string[] sources, IEnumerable<MetadataReference>? references = null, bool withRuntime = true, string assemblyName = "Tests.Grains")
    {
        var all = PlatformReferences.Value.AsEnumerable();
        if (withRuntime)
        {
            all = all.Append(RuntimeReference.Value);
        }

        return CSharpCompilation.Create(
            assemblyName,
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: FileName(i))),
            all.Concat(references ?? []),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999));
    }

    public static string FileName(int index) => $"Source{index}.cs";

    public static GeneratorDriver CreateDriver(bool trackSteps = false) => CSharpGeneratorDriver.Create(
        [new GrainCodeGenerator().AsSourceGenerator()],
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    public static GenerationResult Run(params string[] sources) => Run(Compile(sources), sources);

    public static GenerationResult Run(CSharpCompilation compilation, string[] sources)
    {
        CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        return new GenerationResult(sources, output, generatorDiagnostics);
    }

    /// <summary>The runtime is referenced separately, so tests can leave it out.</summary>
    private static ImmutableArray<MetadataReference> LoadPlatformReferences()
    {
        var runtimeFile = Path.GetFileName(typeof(Grain).Assembly.Location);
        return [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => !string.Equals(Path.GetFileName(path), runtimeFile, StringComparison.OrdinalIgnoreCase))
            .Select(path => MetadataReference.CreateFromFile(path))];
    }
}
