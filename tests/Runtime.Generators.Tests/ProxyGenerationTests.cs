using System.Text.RegularExpressions;

namespace Cluster.Runtime.Generators.Tests;

public class ProxyGenerationTests
{
    [Fact]
    public void Generate_EveryReturnKind_CompilesWithoutErrorsOrWarnings()
    {
        var source = GeneratorHarness.Usings + """
            namespace MyApp;

            public interface IUserGrain : IGrainWithStringKey
            {
                Task Touch();
                Task<string> GetName(int id);
                ValueTask Reset();
                ValueTask<long> Count(string filter);
                IAsyncEnumerable<string> Stream(int take);
                [OneWay] Task Ping();
                [OneWay] ValueTask PingValue();
                [ReadOnly] Task<int> Read();
                [AlwaysInterleave] Task Interleaved();
                [ResponseTimeout("00:02:00")] Task<int> Slow();
            }

            public interface IChatObserver : IGrainObserver
            {
                void OnMessage(string text);
                [OneWay] void OnLeft(string user);
                Task OnJoined(string user);
                ValueTask<bool> Confirm();
            }
            """;

        var result = GeneratorHarness.Run(source);

        result.AssertCompilesCleanly();
        Assert.True(result.HasFile("MyApp_IUserGrain.g.cs"));
        Assert.True(result.HasFile("MyApp_IChatObserver.g.cs"));
    }

    [Fact]
    public void Generate_SchedulingAttributes_SetsOptionsAndTimeout()
    {
        var source = GeneratorHarness.Usings + """
            namespace MyApp;

            public interface IReportGrain : IGrainWithGuidKey
            {
                [ReadOnly, AlwaysInterleave, ResponseTimeout("00:02:30")] Task<int> Build();
                [OneWay] Task Notify();
            }
            """;

        var result = GeneratorHarness.Run(source);

        result.AssertCompilesCleanly();
        var text = result.GeneratedText("MyApp_IReportGrain.g.cs");
        Assert.Contains("Options => global::Cluster.Runtime.CodeGeneration.InvokeMethodOptions.ReadOnly | global::Cluster.Runtime.CodeGeneration.InvokeMethodOptions.AlwaysInterleave;", text);
        Assert.Contains("ResponseTimeout => global::System.TimeSpan.FromTicks(" + TimeSpan.FromSeconds(150).Ticks + "L);", text);
        Assert.Contains("Options => global::Cluster.Runtime.CodeGeneration.InvokeMethodOptions.OneWay;", text);
        Assert.Contains("InvokeOneWay(request);", text);
    }

    [Fact]
    public void Generate_CancellationTokens_CompilesAndAssignsTheBaseProperty()
    {
        var source = GeneratorHarness.Usings + """
            namespace MyApp;

            public interface ISearchGrain : IGrainWithIntegerKey
            {
                Task<string[]> Find(string query, CancellationToken cancellationToken);
                ValueTask Clear(CancellationToken cancellationToken = default);
                IAsyncEnumerable<int> Watch(int from, CancellationToken cancellationToken);
            }
            """;

        var result = GeneratorHarness.Run(source);

        result.AssertCompilesCleanly();
        var text = result.GeneratedText("MyApp_ISearchGrain.g.cs");
        Assert.Contains("new Find_0_Request { Arg0 = query, CancellationToken = cancellationToken }", text);
        Assert.Contains("public override int ArgumentCount => 1;", text);
        Assert.Contains(".Watch(Arg0, this.CancellationToken)", text);
    }

    [Fact]
    public void Generate_OverloadsAndInheritedInterfaces_CompilesWithUniqueRequestNames()
    {
        var source = GeneratorHarness.Usings + """
            namespace MyApp;

            public interface IPlain
            {
                Task<int> FromPlain(int value);
            }

            public interface IBaseGrain : IGrainWithStringKey
            {
                Task Save(string value);
                Task Save(int value);
            }

            public interface IDerivedGrain : IBaseGrain, IPlain
            {
                Task Save(string value, int version);
                new Task Save(int value);
            }
            """;

        var result = GeneratorHarness.Run(source);

        result.AssertCompilesCleanly();
        var text = result.GeneratedText("MyApp_IDerivedGrain.g.cs");
        Assert.Contains("global::System.Threading.Tasks.Task global::MyApp.IBaseGrain.Save(int value)", text);
        Assert.Contains("global::System.Threading.Tasks.Task global::MyApp.IDerivedGrain.Save(int value)", text);
        Assert.Contains("InterfaceName => \"MyApp.IPlain\"", text);
        var requestClasses = Regex.Matches(text, @"internal sealed class (\w+_Request) ").Select(match => match.Groups[1].Value).ToList();
        Assert.Equal(5, requestClasses.Count);
        Assert.Equal(5, requestClasses.Distinct().Count());
    }

    [Fact]
    public void Generate_KeywordAndClashingParameterNames_Compiles()
    {
        var source = GeneratorHarness.Usings + """
            namespace MyApp;

            public interface IKeywordGrain : IGrainWithStringKey
            {
                Task<int> @class(int @event, string @object, int request, string target);
                Task InvokeAsync(int index, params string[] @params);
            }
            """;

        var result = GeneratorHarness.Run(source);

        result.AssertCompilesCleanly();
        var text = result.GeneratedText("MyApp_IKeywordGrain.g.cs");
        Assert.Contains("global::MyApp.IKeywordGrain.@class(int @event, string @object, int request, string target)", text);
        Assert.Contains("var _request = new class_0_Request", text);
        Assert.Contains("MethodName => \"class\"", text);
    }

    [Fact]
    public void Generate_ComplexTypes_CompilesWithoutErrorsOrWarnings()
    {
        var source = GeneratorHarness.Usings + """
            namespace MyApp;

            public sealed record Item(string Name, int? Rank);

            public enum Color { Red, Green }

            public class Outer
            {
                public sealed class Nested
                {
                    public int Value { get; set; }
                }

                public interface IInnerGrain : IGrainWithGuidKey
                {
                    Task<Nested?> Get(Nested? value);
                }
            }

            public interface IComplexGrain : IGrainWithStringKey
            {
                Task<List<string>> Names();
                Task<Dictionary<string, List<Item?>>> Map(Item[] items, int[][] jagged, int[,] grid);
                Task<(int Count, string? Last)> Tuple((int A, string B) input);
                ValueTask<string?> Maybe(string? text, int? number, Color color = Color.Green, string name = "x");
                Task<Outer.Nested> Nested(Outer.Nested nested, IUserGrainLike? other);
                IAsyncEnumerable<Item?> Items();
                Task<object?> Any(object? value, dynamic loose);
            }

            public interface IUserGrainLike : IGrainWithStringKey
            {
            }
            """;

        var result = GeneratorHarness.Run(source);

        result.AssertCompilesCleanly();
        Assert.True(result.HasFile("MyApp_Outer_IInnerGrain.g.cs"));
        Assert.Contains("global::System.Threading.Tasks.Task<(int Count, string? Last)> global::MyApp.IComplexGrain.Tuple((int A, string B) input)", result.GeneratedText("MyApp_IComplexGrain.g.cs"));
    }

    [Fact]
    public void Generate_ObliviousNullableContextAndGlobalNamespace_Compiles()
    {
        var source = GeneratorHarness.Usings + """
            #nullable disable
            public interface IOldGrain : IGrainWithIntegerKey
            {
                Task<string> Echo(string text, List<string> items);
            }
            """;

        var result = GeneratorHarness.Run(source);

        result.AssertCompilesCleanly();
        Assert.Contains("internal sealed class IOldGrain_Proxy", result.GeneratedText("IOldGrain.g.cs"));
    }

    [Fact]
    public void Generate_PartialInterfaceAcrossFiles_GeneratesOneProxyWithAllMethods()
    {
        var first = GeneratorHarness.Usings + """
            namespace MyApp;

            public partial interface ISplitGrain : IGrainWithStringKey
            {
                Task First();
            }
            """;
        var second = GeneratorHarness.Usings + """
            namespace MyApp;

            public partial interface ISplitGrain : IAddressable
            {
                Task Second();
            }
            """;

        var result = GeneratorHarness.Run(first, second);

        result.AssertCompilesCleanly();
        var text = result.GeneratedText("MyApp_ISplitGrain.g.cs");
        Assert.Contains("First_", text);
        Assert.Contains("Second_", text);
    }

    [Fact]
    public void Generate_DefaultImplementedAndStaticMembers_ProxiesOnlyInstanceMethods()
    {
        var source = GeneratorHarness.Usings + """
            namespace MyApp;

            public interface IDefaultsGrain : IGrainWithStringKey
            {
                const int Limit = 3;

                static int Helper() => Limit;

                Task<int> Get();

                Task<int> GetTwice() => Get();
            }
            """;

        var result = GeneratorHarness.Run(source);

        result.AssertCompilesCleanly();
        var text = result.GeneratedText("MyApp_IDefaultsGrain.g.cs");
        Assert.Contains("GetTwice_1_Request", text);
        Assert.DoesNotContain("Helper", text);
    }

    [Fact]
    public void Generate_ObsoleteMembersAndTypes_CompilesWithoutWarnings()
    {
        var source = GeneratorHarness.Usings + """
            namespace MyApp;

            [Obsolete("Use Profile2.")]
            public sealed class Profile
            {
            }

            [Obsolete]
            public enum Legacy
            {
                One,
            }

            #pragma warning disable CS0612, CS0618
            public interface ILegacyGrain : IGrainWithStringKey
            {
                [Obsolete("Use Get2.")]
                Task<Profile> Get(Profile profile, Legacy legacy);
            }
            #pragma warning restore CS0612, CS0618
            """;

        var result = GeneratorHarness.Run(source);

        result.AssertCompilesCleanly();
    }
}
