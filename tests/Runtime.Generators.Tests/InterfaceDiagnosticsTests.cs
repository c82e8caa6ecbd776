namespace Cluster.Runtime.Generators.Tests;

public class InterfaceDiagnosticsTests
{
    [Theory]
    [InlineData("int Get();", "returns 'int'", "change the return type to Task<int>")]
    [InlineData("void Get();", "returns 'void'", "change the return type to Task.")]
    [InlineData("List<string> Get();", "returns 'System.Collections.Generic.List<string>'", "change the return type to Task<System.Collections.Generic.List<string>>")]
    public void Analyze_UnsupportedReturnType_ReportsClr0001OnTheMethod(string member, string problem, string fix)
    {
        var result = GeneratorHarness.Run(Grain(member));

        var diagnostic = result.Single("CLR0001");
        Assert.Contains("'IFoo.Get'", diagnostic.GetMessage());
        Assert.Contains(problem, diagnostic.GetMessage());
        Assert.Contains(fix, diagnostic.GetMessage());
        Assert.Equal("Get", result.TextAt(diagnostic));
        Assert.False(result.HasFile("MyApp_IFoo.g.cs"));
        Assert.Empty(result.CompilationProblems);
    }

    [Theory]
    [InlineData("Task Get(ref int value);", "is declared 'ref'")]
    [InlineData("Task Get(out int value);", "is declared 'out'")]
    [InlineData("Task Get(in int value);", "is declared 'in'")]
    [InlineData("Task Get(ref readonly int value);", "is declared 'ref readonly'")]
    [InlineData("Task Get(Span<byte> value);", "a ref struct")]
    [InlineData("unsafe Task Get(int* value);", "pointer type 'int*'")]
    public void Analyze_ParameterNotPassedByValue_ReportsClr0002OnTheParameter(string member, string problem)
    {
        var compilation = GeneratorHarness.Compile([Grain(member)]);
        compilation = compilation.WithOptions(compilation.Options.WithAllowUnsafe(true));

        var result = GeneratorHarness.Run(compilation, [Grain(member)]);

        var diagnostic = result.Single("CLR0002");
        Assert.Contains("Parameter 'value' of method 'IFoo.Get'", diagnostic.GetMessage());
        Assert.Contains(problem, diagnostic.GetMessage());
        Assert.Contains("pass arguments by value and return results instead", diagnostic.GetMessage());
        Assert.Equal("value", result.TextAt(diagnostic));
    }

    [Fact]
    public void Analyze_GrainInterfaceWithoutKey_ReportsClr0003OnTheInterface()
    {
        var source = GeneratorHarness.Usings + """
            namespace MyApp;

            public interface IFoo : IGrain
            {
                Task Get();
            }
            """;

        var result = GeneratorHarness.Run(source);

        var diagnostic = result.Single("CLR0003");
        Assert.Contains("'IFoo'", diagnostic.GetMessage());
        Assert.Contains("Add IGrainWithStringKey, IGrainWithGuidKey or IGrainWithIntegerKey", diagnostic.GetMessage());
        Assert.Contains("GetGrain<T>(key)", diagnostic.GetMessage());
        Assert.Equal("IFoo", result.TextAt(diagnostic));
        Assert.Empty(result.GeneratedTrees);
    }

    [Fact]
    public void Analyze_KeylessInterfaceNamedIRemindableOutsideTheRuntime_StillReportsClr0003()
    {
        var source = GeneratorHarness.Usings + """
            namespace MyApp;

            public interface IRemindable : IGrain
            {
                Task ReceiveReminder(string reminderName);
            }
            """;

        var result = GeneratorHarness.Run(source);

        Assert.Contains("'IRemindable'", result.Single("CLR0003").GetMessage());
    }

    [Theory]
    [InlineData("[OneWay] Task<int> Get();", "returns 'System.Threading.Tasks.Task<int>'")]
    [InlineData("[OneWay] ValueTask<int> Get();", "returns 'System.Threading.Tasks.ValueTask<int>'")]
    [InlineData("[OneWay] IAsyncEnumerable<int> Get();", "returns 'System.Collections.Generic.IAsyncEnumerable<int>'")]
    public void Analyze_OneWayMethodWithResult_ReportsClr0004OnTheAttribute(string member, string problem)
    {
        var result = GeneratorHarness.Run(Grain(member));

        var diagnostic = result.Single("CLR0004");
        Assert.Contains("'IFoo.Get' is marked [OneWay]", diagnostic.GetMessage());
        Assert.Contains(problem, diagnostic.GetMessage());
        Assert.Contains("return Task or ValueTask, or remove [OneWay]", diagnostic.GetMessage());
        Assert.Equal("OneWay", result.TextAt(diagnostic));
    }

    [Fact]
    public void Analyze_GenericMethod_ReportsClr0005OnTheMethod()
    {
        var result = GeneratorHarness.Run(Grain("Task<T> Get<T>(T value);"));

        var diagnostic = result.Single("CLR0005");
        Assert.Contains("Method 'IFoo.Get' is generic", diagnostic.GetMessage());
        Assert.Contains("Use a non-generic method with concrete types", diagnostic.GetMessage());
        Assert.Equal("Get", result.TextAt(diagnostic));
    }

    [Fact]
    public void Analyze_GenericInterface_ReportsClr0005OnTheInterface()
    {
        var source = GeneratorHarness.Usings + """
            namespace MyApp;

            public interface IFoo<T> : IGrainWithStringKey
            {
                Task<T> Get();
            }
            """;

        var result = GeneratorHarness.Run(source);

        var diagnostic = result.Single("CLR0005");
        Assert.Contains("Grain interface 'IFoo<T>' is generic", diagnostic.GetMessage());
        Assert.Contains("Use a non-generic interface with concrete types", diagnostic.GetMessage());
        Assert.Equal("IFoo", result.TextAt(diagnostic));
        Assert.Empty(result.GeneratedTrees);
    }

    [Theory]
    [InlineData("string Name { get; }", "Property 'IFoo.Name'", "Name")]
    [InlineData("event EventHandler Changed;", "Event 'IFoo.Changed'", "Changed")]
    [InlineData("int this[int index] { get; }", "Indexer 'IFoo.this[]'", "this")]
    [InlineData("static abstract Task Create();", "Static abstract member 'IFoo.Create'", "Create")]
    public void Analyze_MemberThatIsNotAnInstanceMethod_ReportsClr0006(string member, string expected, string location)
    {
        var result = GeneratorHarness.Run(Grain(member));

        var diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "CLR0006");
        Assert.Contains(expected, diagnostic.GetMessage());
        Assert.Contains("replace it with a method returning Task or Task<T>", diagnostic.GetMessage());
        Assert.Equal(location, result.TextAt(diagnostic));
        Assert.False(result.HasFile("MyApp_IFoo.g.cs"));
    }

    [Theory]
    [InlineData("Task Get(CancellationToken token, int value);", "is not the last parameter")]
    [InlineData("Task Get(int value, CancellationToken other, CancellationToken token);", "is not the only CancellationToken parameter")]
    public void Analyze_MisplacedCancellationToken_ReportsClr0007(string member, string problem)
    {
        var result = GeneratorHarness.Run(Grain(member));

        var diagnostic = result.GeneratorDiagnostics.First(d => d.Id == "CLR0007");
        Assert.All(result.GeneratorDiagnostics, d => Assert.Equal("CLR0007", d.Id));
        Assert.Contains(result.GeneratorDiagnostics, d => d.GetMessage().Contains(problem, StringComparison.Ordinal));
        Assert.Contains("of method 'IFoo.Get'", diagnostic.GetMessage());
        Assert.Contains("move it to the end or remove the extra one", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("\"ab:c\"", "which is not a valid time span")]
    [InlineData("\"30\"", "which is not in hh:mm:ss form")]
    [InlineData("\"-00:00:01\"", "which is not positive")]
    [InlineData("\"00:00:00\"", "which is not positive")]
    [InlineData("null", "whose argument is not a constant string")]
    public void Analyze_InvalidResponseTimeout_ReportsClr0010OnTheAttribute(string argument, string problem)
    {
        var result = GeneratorHarness.Run(Grain("[ResponseTimeout(" + argument + ")] Task Get();"));

        var diagnostic = result.Single("CLR0010");
        Assert.Contains("Method 'IFoo.Get' has [ResponseTimeout(" + argument + ")]", diagnostic.GetMessage());
        Assert.Contains(problem, diagnostic.GetMessage());
        Assert.Contains("Pass a positive constant time span in hh:mm:ss form", diagnostic.GetMessage());
        Assert.Equal("ResponseTimeout(" + argument + ")", result.TextAt(diagnostic));
    }

    [Fact]
    public void Analyze_StreamOnObserver_ReportsClr0011()
    {
        var source = GeneratorHarness.Usings + """
            namespace MyApp;

            public interface IWatcher : IGrainObserver
            {
                IAsyncEnumerable<int> Updates();
            }
            """;

        var result = GeneratorHarness.Run(source);

        var diagnostic = result.Single("CLR0011");
        Assert.Contains("Method 'IWatcher.Updates' of observer interface 'IWatcher'", diagnostic.GetMessage());
        Assert.Contains("Return Task or ValueTask and call the observer once per item instead", diagnostic.GetMessage());
        Assert.Equal("Updates", result.TextAt(diagnostic));
        Assert.Empty(result.GeneratedTrees);
    }

    [Fact]
    public void Analyze_PrivateNestedInterface_ReportsClr0012()
    {
        var source = GeneratorHarness.Usings + """
            namespace MyApp;

            public class Outer
            {
                private interface IHidden : IGrainWithStringKey
                {
                    Task Get();
                }
            }
            """;

        var result = GeneratorHarness.Run(source);

        var diagnostic = result.Single("CLR0012");
        Assert.Contains("Interface 'Outer.IHidden' is private", diagnostic.GetMessage());
        Assert.Contains("Make it and its containing types public or internal", diagnostic.GetMessage());
        Assert.Empty(result.GeneratedTrees);
    }

    [Fact]
    public void Analyze_ErrorInBaseGrainInterface_ReportsOnceAndGeneratesNeitherProxy()
    {
        var source = GeneratorHarness.Usings + """
            namespace MyApp;

            public interface IBase : IGrainWithStringKey
            {
                int Get();
            }

            public interface IDerived : IBase
            {
                Task Other();
            }
            """;

        var result = GeneratorHarness.Run(source);

        var diagnostic = result.Single("CLR0001");
        Assert.Equal("Get", result.TextAt(diagnostic));
        Assert.Empty(result.GeneratedTrees);
        Assert.Empty(result.CompilationProblems);
    }

    [Fact]
    public void Analyze_ErrorInPlainBaseInterface_ReportsOnTheGrainInterface()
    {
        var source = GeneratorHarness.Usings + """
            namespace MyApp;

            public interface IPlain
            {
                int Get();
            }

            public interface IFoo : IGrainWithStringKey, IPlain
            {
            }
            """;

        var result = GeneratorHarness.Run(source);

        var diagnostic = result.Single("CLR0001");
        Assert.Contains("'IPlain.Get'", diagnostic.GetMessage());
        Assert.Equal("IFoo", result.TextAt(diagnostic));
    }

    [Fact]
    public void Analyze_InterfaceWithErrors_LeavesValidInterfacesGenerated()
    {
        var source = Grain("int Get();") + """

            public interface IGood : IGrainWithStringKey
            {
                Task Get();
            }
            """;

        var result = GeneratorHarness.Run(source);

        Assert.Single(result.GeneratorDiagnostics);
        Assert.True(result.HasFile("MyApp_IGood.g.cs"));
        Assert.DoesNotContain("IFoo", result.GeneratedText("Cluster.Generated.GrainMetadata.g.cs"));
        Assert.Empty(result.CompilationProblems);
    }

    private static string Grain(string member) => GeneratorHarness.Usings + $$"""
        namespace MyApp;

        public interface IFoo : IGrainWithStringKey
        {
            {{member}}
        }
        """;
}
