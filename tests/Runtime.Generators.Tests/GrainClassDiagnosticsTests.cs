namespace Cluster.Runtime.Generators.Tests;

public class GrainClassDiagnosticsTests
{
    [Fact]
    public void Analyze_NoPublicConstructor_ReportsClr0008OnTheClass()
    {
        var result = GeneratorHarness.Run(GrainClass("private FooGrain() { }"));

        var diagnostic = result.Single("CLR0008");
        Assert.Contains("Grain class 'FooGrain' has no public constructor", diagnostic.GetMessage());
        Assert.Contains("Make one constructor public", diagnostic.GetMessage());
        Assert.Equal("FooGrain", result.TextAt(diagnostic));
        Assert.Empty(result.GeneratedTrees);
    }

    [Fact]
    public void Analyze_TiedPublicConstructors_ReportsClr0008()
    {
        var result = GeneratorHarness.Run(GrainClass("public FooGrain(int a) { } public FooGrain(string b) { }"));

        var diagnostic = result.Single("CLR0008");
        Assert.Contains("Grain class 'FooGrain' has 2 public constructors with 1 parameters", diagnostic.GetMessage());
        Assert.Contains("Keep exactly one public constructor with the most parameters", diagnostic.GetMessage());
    }

    [Fact]
    public void Analyze_ConstructorParameterByReference_ReportsClr0008OnTheParameter()
    {
        var result = GeneratorHarness.Run(GrainClass("public FooGrain(ref int count) { }"));

        var diagnostic = result.Single("CLR0008");
        Assert.Contains("takes constructor parameter 'count' by reference", diagnostic.GetMessage());
        Assert.Contains("Take it by value", diagnostic.GetMessage());
        Assert.Equal("count", result.TextAt(diagnostic));
    }

    [Theory]
    [InlineData("[PersistentState(\"s\")] Profile state", "has type 'MyApp.Profile', not IPersistentState<TState>", "Declare the parameter as IPersistentState<TState>")]
    [InlineData("[PersistentState(\"s\")] IPersistentState<NoDefault> state", "its state type 'MyApp.NoDefault' has no public parameterless constructor", "Give 'MyApp.NoDefault' a public parameterless constructor")]
    [InlineData("[PersistentState(\"s\")] IPersistentState<IProfile> state", "its state type 'MyApp.IProfile' is not a class or struct", "Give 'MyApp.IProfile' a public parameterless constructor")]
    [InlineData("[PersistentState(\"s\")] IPersistentState<AbstractProfile> state", "its state type 'MyApp.AbstractProfile' is abstract", "Give 'MyApp.AbstractProfile' a public parameterless constructor")]
    [InlineData("[PersistentState(\"\")] IPersistentState<Profile> state", "does not name the state", "Pass the state's name")]
    public void Analyze_InvalidPersistentStateParameter_ReportsClr0009OnTheParameter(string parameter, string problem, string fix)
    {
        var result = GeneratorHarness.Run(GrainClass("public FooGrain(" + parameter + ") { }"));

        var diagnostic = result.Single("CLR0009");
        Assert.Contains("Parameter 'state' of grain class 'FooGrain' is marked [PersistentState]", diagnostic.GetMessage());
        Assert.Contains(problem, diagnostic.GetMessage());
        Assert.Contains(fix, diagnostic.GetMessage());
        Assert.Equal("state", result.TextAt(diagnostic));
        Assert.Empty(result.GeneratedTrees);
    }

    [Fact]
    public void Analyze_GenericGrainClass_ReportsClr0005()
    {
        var source = GeneratorHarness.Usings + """
            namespace MyApp;

            public sealed class FooGrain<T> : Grain
            {
            }
            """;

        var result = GeneratorHarness.Run(source);

        var diagnostic = result.Single("CLR0005");
        Assert.Contains("Grain class 'FooGrain<T>' is generic", diagnostic.GetMessage());
        Assert.Contains("Use a non-generic class with concrete types", diagnostic.GetMessage());
    }

    [Fact]
    public void Analyze_PrivateNestedGrainClass_ReportsClr0012()
    {
        var source = GeneratorHarness.Usings + """
            namespace MyApp;

            public class Outer
            {
                private sealed class HiddenGrain : Grain
                {
                }
            }
            """;

        var result = GeneratorHarness.Run(source);

        var diagnostic = result.Single("CLR0012");
        Assert.Contains("Grain class 'Outer.HiddenGrain' is private", diagnostic.GetMessage());
        Assert.Equal("HiddenGrain", result.TextAt(diagnostic));
    }

    [Fact]
    public void Analyze_AbstractGrainClass_IsIgnored()
    {
        var source = GeneratorHarness.Usings + """
            namespace MyApp;

            public abstract class BaseGrain : Grain
            {
                protected BaseGrain(int unused)
                {
                }
            }
            """;

        var result = GeneratorHarness.Run(source);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.GeneratedTrees);
    }

    private static string GrainClass(string members) => GeneratorHarness.Usings + $$"""
        namespace MyApp;

        public sealed class Profile
        {
            public string Name { get; set; } = "";
        }

        public interface IProfile
        {
        }

        public abstract class AbstractProfile
        {
        }

        public sealed class NoDefault(string name)
        {
            public string Name { get; } = name;
        }

        public sealed class FooGrain : Grain
        {
            {{members}}
        }
        """;
}
