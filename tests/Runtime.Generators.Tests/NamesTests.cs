namespace Cluster.Runtime.Generators.Tests;

public class NamesTests
{
    [Theory]
    [InlineData("MyApp.IUserGrain", "MyApp_IUserGrain")]
    [InlineData("My_App.IFoo", "My_0App_IFoo")]
    [InlineData("My-App Grains", "My_App_Grains")]
    [InlineData("1st", "_1st")]
    public void Sanitize_Name_ReturnsAnIdentifier(string name, string expected)
    {
        var sanitized = Names.Sanitize(name);

        Assert.Equal(expected, sanitized);
    }

    [Theory]
    [InlineData("A._B", "A_.B")]
    [InlineData("A.B_C", "A_B.C")]
    [InlineData("A.B", "A_B")]
    public void Sanitize_DistinctTypeNames_NeverCollide(string first, string second)
    {
        var left = Names.Sanitize(first);
        var right = Names.Sanitize(second);

        Assert.NotEqual(left, right);
    }

    [Theory]
    [InlineData("class", "@class")]
    [InlineData("value", "value")]
    [InlineData("async", "async")]
    public void Escape_Identifier_PrefixesReservedKeywordsOnly(string identifier, string expected)
    {
        var escaped = Names.Escape(identifier);

        Assert.Equal(expected, escaped);
    }
}
