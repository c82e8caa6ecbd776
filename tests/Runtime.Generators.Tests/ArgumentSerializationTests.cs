using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Cluster.Runtime.CodeGeneration;

namespace Cluster.Runtime.Generators.Tests;

/// <summary>Arguments written by one request and read into a fresh one made by the registered factory, as across a socket.</summary>
public class ArgumentSerializationTests
{
    private const string Interface = "MyApp.IShapesGrain";

    private const string Source = GeneratorHarness.Usings + """
        using System.Text.Json.Serialization;

        namespace MyApp;

        public sealed record Address(string City, int Zip);

        public sealed record Person(string Name, Address Home);

        [JsonPolymorphic]
        [JsonDerivedType(typeof(Circle), "circle")]
        [JsonDerivedType(typeof(Square), "square")]
        public abstract record Shape;

        public sealed record Circle(double Radius) : Shape;

        public sealed record Square(double Side) : Shape;

        public interface IShapesGrain : IGrainWithStringKey
        {
            Task<int> None();
            Task One(int value);
            Task Three(string text, long number, bool flag);
            Task Record(Person person);
            Task Lists(List<Address> addresses, List<int> numbers);
            Task Map(Dictionary<string, int> counts);
            Task Nullables(int? missing, int? present, string? absent, string? text);
            Task<string> Search(string query, int limit, CancellationToken cancellationToken);
            IAsyncEnumerable<int> Stream(int count);
            Task Draw(Shape shape);
        }
        """;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    private static readonly Lazy<Assembly> Generated = new(() => GeneratorHarness.Run(Source).Load());

    private static readonly Lazy<RegisteredRequests> Registered = new(() => new RegisteredRequests(Generated.Value));

    [Fact]
    public void RoundTrip_NoArguments_WritesAnEmptyArrayAndReadsIt()
    {
        var (json, copy) = RoundTrip("None()");

        Assert.Equal("[]", json);
        Assert.Equal(0, copy.ArgumentCount);
    }

    [Fact]
    public void RoundTrip_OneArgument_RestoresIt()
    {
        var (json, copy) = RoundTrip("One(System.Int32)", 42);

        Assert.Equal("[42]", json);
        Assert.Equal(42, copy.GetArgument(0));
    }

    [Fact]
    public void RoundTrip_ThreeArguments_RestoresEachWithItsDeclaredType()
    {
        var (json, copy) = RoundTrip("Three(System.String,System.Int64,System.Boolean)", "text", 7L, true);

        Assert.Equal("""["text",7,true]""", json);
        Assert.Equal("text", copy.GetArgument(0));
        Assert.IsType<long>(copy.GetArgument(1));
        Assert.Equal(7L, copy.GetArgument(1));
        Assert.Equal(true, copy.GetArgument(2));
    }

    [Fact]
    public void RoundTrip_Record_RestoresAnEqualRecord()
    {
        var person = Instance("MyApp.Person", "Ada", Instance("MyApp.Address", "London", 1815));

        var (_, copy) = RoundTrip("Record(MyApp.Person)", person);

        Assert.Equal(person, copy.GetArgument(0));
        Assert.NotSame(person, copy.GetArgument(0));
    }

    [Fact]
    public void RoundTrip_Lists_RestoresTheItemsInOrder()
    {
        var addressType = Generated.Value.GetType("MyApp.Address", throwOnError: true)!;
        var addresses = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(addressType))!;
        addresses.Add(Instance("MyApp.Address", "Paris", 75001));
        addresses.Add(Instance("MyApp.Address", "Rome", 118));

        var (_, copy) = RoundTrip("Lists(System.Collections.Generic.List<MyApp.Address>,System.Collections.Generic.List<System.Int32>)", addresses, new List<int> { 3, 1, 2 });

        Assert.Equal(addresses.Cast<object>(), ((System.Collections.IList)copy.GetArgument(0)!).Cast<object>());
        Assert.Equal([3, 1, 2], (List<int>)copy.GetArgument(1)!);
    }

    [Fact]
    public void RoundTrip_Dictionary_RestoresEveryEntry()
    {
        var counts = new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 };

        var (_, copy) = RoundTrip("Map(System.Collections.Generic.Dictionary<System.String,System.Int32>)", counts);

        Assert.Equal(counts, (Dictionary<string, int>)copy.GetArgument(0)!);
    }

    [Fact]
    public void RoundTrip_Nullables_RestoresNullsAndValues()
    {
        var (json, copy) = RoundTrip(
            "Nullables(System.Nullable<System.Int32>,System.Nullable<System.Int32>,System.String,System.String)", null, 5, null, "x");

        Assert.Equal("""[null,5,null,"x"]""", json);
        Assert.Null(copy.GetArgument(0));
        Assert.Equal(5, copy.GetArgument(1));
        Assert.Null(copy.GetArgument(2));
        Assert.Equal("x", copy.GetArgument(3));
    }

    [Fact]
    public void RoundTrip_CancellationTokenParameter_IsLeftOutOfTheArray()
    {
        using var cancellation = new CancellationTokenSource();
        var (json, copy) = RoundTrip("Search(System.String,System.Int32,System.Threading.CancellationToken)", cancellation.Token, "query", 10);

        Assert.Equal("""["query",10]""", json);
        Assert.Equal(2, copy.ArgumentCount);
        Assert.Equal("query", copy.GetArgument(0));
        Assert.Equal(10, copy.GetArgument(1));
        Assert.False(copy.CancellationToken.CanBeCanceled);
    }

    [Fact]
    public void RoundTrip_StreamMethod_CreatesAStreamRequestWithItsArguments()
    {
        var (_, copy) = RoundTrip("Stream(System.Int32)", 3);

        Assert.IsAssignableFrom<StreamRequest<int>>(copy);
        Assert.Equal(3, copy.GetArgument(0));
    }

    [Fact]
    public void RoundTrip_DerivedValueOfPolymorphicParameter_KeepsItsType()
    {
        var circle = Instance("MyApp.Circle", 2.5);

        var (json, copy) = RoundTrip("Draw(MyApp.Shape)", circle);

        Assert.Equal("""[{"$type":"circle","radius":2.5}]""", json);
        Assert.Equal(circle, copy.GetArgument(0));
    }

    [Fact]
    public void WriteArguments_ConverterInOptions_AppliesToTheDeclaredType()
    {
        var options = new JsonSerializerOptions(Options) { Converters = { new UpperCaseStringConverter() } };
        var request = WithArguments("Three(System.String,System.Int64,System.Boolean)", default, "text", 1L, false);

        Assert.Equal("""["TEXT",1,false]""", Write(request, options));
    }

    [Fact]
    public void ReadArguments_ArrayInsideADocument_LeavesTheReaderOnTheEndArray()
    {
        var copy = Registered.Value.Create(Interface, "One(System.Int32)");
        var reader = new Utf8JsonReader("""{"arguments":[9],"next":true}"""u8);
        while (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Read();
        }

        copy.ReadArguments(ref reader, Options);

        Assert.Equal(JsonTokenType.EndArray, reader.TokenType);
        Assert.True(reader.Read());
        Assert.Equal("next", reader.GetString());
        Assert.Equal(9, copy.GetArgument(0));
    }

    internal static Request WithArguments(string methodKey, CancellationToken cancellationToken, params object?[] arguments)
    {
        var request = Registered.Value.Create(Interface, methodKey);
        for (var i = 0; i < arguments.Length; i++)
        {
            request.GetType().GetField("Arg" + i)!.SetValue(request, arguments[i]);
        }

        request.CancellationToken = cancellationToken;
        return request;
    }

    internal static string Write(Request request, JsonSerializerOptions options)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            request.WriteArguments(writer, options);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    internal static Request Read(string methodKey, string json)
    {
        var copy = Registered.Value.Create(Interface, methodKey);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        Assert.True(reader.Read());
        copy.ReadArguments(ref reader, Options);
        Assert.Equal(JsonTokenType.EndArray, reader.TokenType);
        Assert.False(reader.Read());
        return copy;
    }

    private static (string Json, Request Copy) RoundTrip(string methodKey, params object?[] arguments) =>
        RoundTrip(methodKey, default, arguments);

    private static (string Json, Request Copy) RoundTrip(string methodKey, CancellationToken cancellationToken, params object?[] arguments)
    {
        var request = WithArguments(methodKey, cancellationToken, arguments);
        var json = Write(request, Options);
        var copy = Read(methodKey, json);
        Assert.Equal(methodKey, copy.MethodKey);
        Assert.Equal(request.GetType(), copy.GetType());
        return (json, copy);
    }

    private static object Instance(string typeName, params object[] arguments) =>
        Activator.CreateInstance(Generated.Value.GetType(typeName, throwOnError: true)!, arguments)!;

    private sealed class UpperCaseStringConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString();

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToUpperInvariant());
    }
}
