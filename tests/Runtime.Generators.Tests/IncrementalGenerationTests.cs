using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Cluster.Runtime.Generators.Tests;

public class IncrementalGenerationTests
{
    private const string FooSource = GeneratorHarness.Usings + """
        namespace MyApp;

        public interface IFoo : IGrainWithStringKey
        {
            Task<int> Get();
        }
        """;

    private const string BarSource = GeneratorHarness.Usings + """
        namespace MyApp;

        public interface IBar : IGrainWithStringKey
        {
            Task Set(int value);
        }
        """;

    private const string GrainSource = GeneratorHarness.Usings + """
        namespace MyApp;

        public sealed class FooGrain : Grain, IFoo
        {
            public Task<int> Get() => Task.FromResult(1);
        }
        """;

    [Fact]
    public void Rerun_UnrelatedFileAdded_ReusesEveryStepAndOutput()
    {
        var compilation = GeneratorHarness.Compile([FooSource, BarSource, GrainSource]);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var edited = compilation.AddSyntaxTrees(Parse("namespace MyApp; public sealed class Unrelated { }", "Unrelated.cs"));

        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertReused(result, TrackingNames.CompilationInfo);
        AssertReused(result, TrackingNames.Interfaces);
        AssertReused(result, TrackingNames.GrainClasses);
        AssertReused(result, TrackingNames.Proxies);
        AssertReused(result, TrackingNames.Registrations);
        Assert.All(OutputReasons(result), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
    }

    [Fact]
    public void Rerun_GrainMethodBodyEdited_ReusesEveryOutput()
    {
        var compilation = GeneratorHarness.Compile([FooSource, BarSource, GrainSource]);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees[2], Parse(GrainSource.Replace("FromResult(1)", "FromResult(2)", StringComparison.Ordinal), GeneratorHarness.FileName(2)));

        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertReused(result, TrackingNames.GrainClasses);
        AssertReused(result, TrackingNames.Registrations);
        Assert.All(OutputReasons(result), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
    }

    [Fact]
    public void Rerun_MethodAddedToOneInterface_RegeneratesThatProxyAndTheRegistrations()
    {
        var compilation = GeneratorHarness.Compile([FooSource, BarSource, GrainSource]);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var changed = BarSource.Replace("Task Set(int value);", "Task Set(int value);\n    Task Clear();", StringComparison.Ordinal);
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees[1], Parse(changed, GeneratorHarness.FileName(1)));

        var runResult = driver.RunGenerators(edited).GetRunResult();
        var result = runResult.Results.Single();

        var proxyReasons = result.TrackedSteps[TrackingNames.Proxies].SelectMany(step => step.Outputs).Select(output => output.Reason).ToList();
        Assert.Single(proxyReasons, IncrementalStepRunReason.Modified);
        Assert.Contains("Clear_1_Request", GeneratedText(runResult, "MyApp_IBar.g.cs"));
        Assert.Contains("builder.AddRequest<global::MyApp.IBar>(\"Clear()\"", GeneratedText(runResult, "Cluster.Generated.GrainMetadata.g.cs"));
    }

    [Fact]
    public void Rerun_AttributeAndParameterNameEdited_RegeneratesOnlyThatProxy()
    {
        var compilation = GeneratorHarness.Compile([FooSource, BarSource, GrainSource]);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var changed = BarSource.Replace("Task Set(int value);", "[AlwaysInterleave] Task Set(int amount);", StringComparison.Ordinal);
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees[1], Parse(changed, GeneratorHarness.FileName(1)));

        var runResult = driver.RunGenerators(edited).GetRunResult();
        var result = runResult.Results.Single();

        var proxyReasons = result.TrackedSteps[TrackingNames.Proxies].SelectMany(step => step.Outputs).Select(output => output.Reason).ToList();
        Assert.Single(proxyReasons, IncrementalStepRunReason.Modified);
        AssertReused(result, TrackingNames.Registrations);
        Assert.Contains("InvokeMethodOptions.AlwaysInterleave", GeneratedText(runResult, "MyApp_IBar.g.cs"));
    }

    private static string GeneratedText(GeneratorDriverRunResult runResult, string fileName) =>
        runResult.GeneratedTrees.Single(tree => Path.GetFileName(tree.FilePath) == fileName).ToString();

    private static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path: path);

    private static void AssertReused(GeneratorRunResult result, string stepName)
    {
        var outputs = result.TrackedSteps[stepName].SelectMany(step => step.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, output => Assert.True(
            output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
            $"Step {stepName} produced an output with reason {output.Reason}."));
    }

    private static IEnumerable<IncrementalStepRunReason> OutputReasons(GeneratorRunResult result) =>
        result.TrackedOutputSteps.SelectMany(pair => pair.Value).SelectMany(step => step.Outputs).Select(output => output.Reason);
}
