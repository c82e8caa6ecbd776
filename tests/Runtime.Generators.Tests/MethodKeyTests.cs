using System.Reflection;
using Cluster.Runtime.CodeGeneration;

namespace Cluster.Runtime.Generators.Tests;

/// <summary>The key that names a method on the wire, read from the generated request classes.</summary>
public class MethodKeyTests
{
    private const string Source = GeneratorHarness.Usings + """
        namespace MyApp;

        public sealed record Item(string Name, int Rank);

        public class Outer
        {
            public sealed class Nested
            {
            }
        }

        public interface IKeyGrain : IGrainWithStringKey
        {
            Task Primitives(int a, long b, bool c, double d, decimal e, char f, byte g);
            Task Text(string value);
            Task Collections(List<int> list, Dictionary<string, List<Item>> map, IReadOnlyList<string> names);
            Task Arrays(int[] flat, string[][] jagged, int[,] grid, int[][,] mixed);
            Task NullableValues(int? number, Guid? id, List<int?> numbers);
            Task NullableReferences(string? text, List<string?>? items, Item? item);
            Task References(string text, List<string> items, Item item);
            Task Records(Item item, Outer.Nested nested);
            Task Overload(int value);
            Task Overload(string value);
            Task Overload(int value, CancellationToken cancellationToken);
            Task<int> Cancellable(string query, CancellationToken cancellationToken = default);
            Task Special(dynamic loose, (int A, string B) pair, object any, params string[] rest);
            Task @class(int @event);
            Task<int> Empty();
        }
        """;

    private static readonly Lazy<Assembly> Generated = new(() => GeneratorHarness.Run(Source).Load());

    [Fact]
    public void MethodKey_Primitives_UsesTheirMetadataNames()
    {
        Assert.Equal(
            "Primitives(System.Int32,System.Int64,System.Boolean,System.Double,System.Decimal,System.Char,System.Byte)",
            KeyOf("Primitives_0_Request"));
    }

    [Fact]
    public void MethodKey_String_IsSystemString()
    {
        Assert.Equal("Text(System.String)", KeyOf("Text_1_Request"));
    }

    [Fact]
    public void MethodKey_GenericCollections_ListTypeArgumentsWithoutSpaces()
    {
        Assert.Equal(
            "Collections(System.Collections.Generic.List<System.Int32>,System.Collections.Generic.Dictionary<System.String,System.Collections.Generic.List<MyApp.Item>>,System.Collections.Generic.IReadOnlyList<System.String>)",
            KeyOf("Collections_2_Request"));
    }

    [Fact]
    public void MethodKey_Arrays_AreWrittenAsTypeToStringWritesThem()
    {
        Assert.Equal(
            "Arrays(" + typeof(int[]) + "," + typeof(string[][]) + "," + typeof(int[,]) + "," + typeof(int[][,]) + ")",
            KeyOf("Arrays_3_Request"));
        Assert.Equal("Arrays(System.Int32[],System.String[][],System.Int32[,],System.Int32[,][])", KeyOf("Arrays_3_Request"));
    }

    [Fact]
    public void MethodKey_NullableValueTypes_AreSystemNullable()
    {
        Assert.Equal(
            "NullableValues(System.Nullable<System.Int32>,System.Nullable<System.Guid>,System.Collections.Generic.List<System.Nullable<System.Int32>>)",
            KeyOf("NullableValues_4_Request"));
    }

    [Fact]
    public void MethodKey_NullableReferenceTypes_EqualsTheNonNullableKey()
    {
        var nullable = KeyOf("NullableReferences_5_Request");
        var plain = KeyOf("References_6_Request");

        Assert.Equal("NullableReferences(System.String,System.Collections.Generic.List<System.String>,MyApp.Item)", nullable);
        Assert.Equal(nullable.Replace("NullableReferences", "References", StringComparison.Ordinal), plain);
    }

    [Fact]
    public void MethodKey_RecordsAndNestedTypesOfTheCompilation_AreNamespaceQualified()
    {
        Assert.Equal("Records(MyApp.Item,MyApp.Outer.Nested)", KeyOf("Records_7_Request"));
    }

    [Fact]
    public void MethodKey_Overloads_AreDistinct()
    {
        string[] keys = [KeyOf("Overload_8_Request"), KeyOf("Overload_9_Request"), KeyOf("Overload_10_Request")];

        Assert.Equal(["Overload(System.Int32)", "Overload(System.String)", "Overload(System.Int32,System.Threading.CancellationToken)"], keys);
    }

    [Fact]
    public void MethodKey_TrailingCancellationToken_IsListedThoughNotAnArgument()
    {
        var request = Create("Cancellable_11_Request");

        Assert.Equal("Cancellable(System.String,System.Threading.CancellationToken)", request.MethodKey);
        Assert.Equal(1, request.ArgumentCount);
    }

    [Fact]
    public void MethodKey_DynamicTupleAndParams_UseTheUnderlyingTypes()
    {
        Assert.Equal(
            "Special(System.Object,System.ValueTuple<System.Int32,System.String>,System.Object,System.String[])",
            KeyOf("Special_12_Request"));
    }

    [Fact]
    public void MethodKey_KeywordNames_AreUnescaped()
    {
        Assert.Equal("class(System.Int32)", KeyOf("class_13_Request"));
    }

    [Fact]
    public void MethodKey_NoParameters_IsNameWithEmptyParentheses()
    {
        Assert.Equal("Empty()", KeyOf("Empty_14_Request"));
    }

    private static string KeyOf(string requestName) => Create(requestName).MethodKey;

    private static Request Create(string requestName)
    {
        var proxy = Generated.Value.GetType("Cluster.Generated.MyApp_IKeyGrain_Proxy", throwOnError: true)!;
        return (Request)Activator.CreateInstance(proxy.GetNestedType(requestName, BindingFlags.NonPublic)!)!;
    }
}
