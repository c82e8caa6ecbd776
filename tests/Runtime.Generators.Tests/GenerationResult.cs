using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Cluster.Runtime.Generators.Tests;

/// <summary>What one generator run produced: its diagnostics, its files and the compilation that includes them.</summary>
internal sealed class GenerationResult(string[] sources, Compilation output, ImmutableArray<Diagnostic> generatorDiagnostics)
{
    public Compilation Output { get; } = output;

    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; } = generatorDiagnostics;

    public IReadOnlyList<SyntaxTree> GeneratedTrees =>
        [.. Output.SyntaxTrees.Where(tree => tree.FilePath.EndsWith(".g.cs", StringComparison.Ordinal))];

    /// <summary>Errors and warnings of the compilation including generated code.</summary>
    public IReadOnlyList<Diagnostic> CompilationProblems =>
        [.. Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)];

    public bool HasFile(string fileName) =>
        GeneratedTrees.Any(tree => Path.GetFileName(tree.FilePath) == fileName);

    public string GeneratedText(string fileName) =>
        GeneratedTrees.Single(tree => Path.GetFileName(tree.FilePath) == fileName).ToString();

    /// <summary>The single generator diagnostic with <paramref name="id"/>.</summary>
    public Diagnostic Single(string id)
    {
        Assert.All(GeneratorDiagnostics, d => Assert.Equal(id, d.Id));
        return Assert.Single(GeneratorDiagnostics);
    }

    /// <summary>The source text a diagnostic points at.</summary>
    public string TextAt(Diagnostic diagnostic)
    {
        var path = diagnostic.Location.GetLineSpan().Path;
        var index = Enumerable.Range(0, sources.Length).Single(i => GeneratorHarness.FileName(i) == path);
        var span = diagnostic.Location.SourceSpan;
        return sources[index].Substring(span.Start, span.Length);
    }

    /// <summary>Fails, listing the problems and the generated code, when generation or compilation reports anything.</summary>
    public void AssertCompilesCleanly()
    {
        Assert.Empty(GeneratorDiagnostics);
        var problems = CompilationProblems;
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems) + Environment.NewLine + string.Join(Environment.NewLine, GeneratedTrees));
    }

    /// <summary>Emits the compilation and loads it, so generated code can be exercised.</summary>
    public Assembly Load()
    {
        AssertCompilesCleanly();
        using var stream = new MemoryStream();
        var emitted = Output.Emit(stream);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        return Assembly.Load(stream.ToArray());
    }
}
