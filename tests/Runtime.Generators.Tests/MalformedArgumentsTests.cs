using System.Text.Json;

namespace Cluster.Runtime.Generators.Tests;

/// <summary>Argument arrays that do not fit the method are refused with a message an operator can act on.</summary>
public class MalformedArgumentsTests
{
    private const string Three = "Three(System.String,System.Int64,System.Boolean)";

    [Fact]
    public void ReadArguments_ObjectInsteadOfArray_ThrowsJsonExceptionNamingTheMethod()
    {
        var exception = Assert.Throws<JsonException>(() => ArgumentSerializationTests.Read(Three, """{"text":"a"}"""));

        Assert.Equal("MyApp.IShapesGrain.Three takes 3 arguments; expected a JSON array of 3 elements but found StartObject.", exception.Message);
    }

    [Fact]
    public void ReadArguments_TooFewElements_ThrowsJsonExceptionWithTheExpectedCount()
    {
        var exception = Assert.Throws<JsonException>(() => ArgumentSerializationTests.Read(Three, """["a",1]"""));

        Assert.Equal("MyApp.IShapesGrain.Three takes 3 arguments; expected a JSON array of 3 elements but found 2 elements.", exception.Message);
    }

    [Fact]
    public void ReadArguments_EmptyArrayForOneArgument_ThrowsJsonExceptionWithTheExpectedCount()
    {
        var exception = Assert.Throws<JsonException>(() => ArgumentSerializationTests.Read("One(System.Int32)", "[]"));

        Assert.Equal("MyApp.IShapesGrain.One takes 1 argument; expected a JSON array of 1 element but found 0 elements.", exception.Message);
    }

    [Fact]
    public void ReadArguments_TooManyElements_ThrowsJsonExceptionWithTheExpectedCount()
    {
        var exception = Assert.Throws<JsonException>(() => ArgumentSerializationTests.Read(Three, """["a",1,true,4]"""));

        Assert.Equal("MyApp.IShapesGrain.Three takes 3 arguments; expected a JSON array of 3 elements but found more elements.", exception.Message);
    }

    [Fact]
    public void ReadArguments_ScalarForOneArgument_ThrowsJsonExceptionNamingTheMethod()
    {
        var exception = Assert.Throws<JsonException>(() => ArgumentSerializationTests.Read("One(System.Int32)", "42"));

        Assert.Contains("MyApp.IShapesGrain.One", exception.Message, StringComparison.Ordinal);
        Assert.Contains("found Number", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadArguments_ElementOfTheWrongType_ThrowsJsonException()
    {
        Assert.ThrowsAny<JsonException>(() => ArgumentSerializationTests.Read(Three, """["a","not a number",true]"""));
    }

    [Fact]
    public void ReadArguments_ElementsForAMethodWithoutArguments_ThrowsJsonExceptionNamingTheMethod()
    {
        var exception = Assert.Throws<JsonException>(() => ArgumentSerializationTests.Read("None()", "[1]"));

        Assert.Contains("MyApp.IShapesGrain.None", exception.Message, StringComparison.Ordinal);
    }
}
