namespace Cluster.Runtime.Generators.Tests;

public class EquatableArrayTests
{
    [Fact]
    public void Equals_SameItemsInDifferentArrays_IsTrueWithEqualHashCodes()
    {
        var left = new[] { "a", "b" }.ToEquatableArray();
        var right = new List<string> { "a", "b" }.ToEquatableArray();

        var equal = left == right;

        Assert.True(equal);
        Assert.Equal(left.GetHashCode(), right.GetHashCode());
    }

    [Fact]
    public void Equals_DifferentOrder_IsFalse()
    {
        var left = new[] { "a", "b" }.ToEquatableArray();
        var right = new[] { "b", "a" }.ToEquatableArray();

        var equal = left.Equals(right);

        Assert.False(equal);
    }

    [Fact]
    public void Equals_DefaultAndEmpty_IsTrue()
    {
        var empty = Array.Empty<string>().ToEquatableArray();

        var equal = default(EquatableArray<string>) == empty;

        Assert.True(equal);
        Assert.Equal(0, default(EquatableArray<string>).Count);
    }
}
