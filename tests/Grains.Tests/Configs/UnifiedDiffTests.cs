using Cluster.Grains.Configs;

namespace Cluster.Grains.Tests.Configs;

public sealed class UnifiedDiffTests
{
    [Fact]
    public void Create_SameLines_IsEmpty()
    {
        var diff = UnifiedDiff.Create("a\nb", "a\nb", "old", "new");

        Assert.Equal(string.Empty, diff);
    }

    [Fact]
    public void Create_ChangesFarApart_AreSeparateHunksWithThreeLinesOfContext()
    {
        var old = string.Join('\n', Enumerable.Range(1, 20).Select(line => $"line {line}"));
        var changed = old.Replace("line 2\n", "line two\n", StringComparison.Ordinal).Replace("line 18\n", "line eighteen\n", StringComparison.Ordinal);

        var diff = UnifiedDiff.Create(old, changed, "a", "b");

        Assert.Equal(
            "--- a\n+++ b\n@@ -1,5 +1,5 @@\n line 1\n-line 2\n+line two\n line 3\n line 4\n line 5\n"
            + "@@ -15,6 +15,6 @@\n line 15\n line 16\n line 17\n-line 18\n+line eighteen\n line 19\n line 20\n",
            diff);
    }

    [Fact]
    public void Create_ChangesCloseTogether_ShareOneHunk()
    {
        var diff = UnifiedDiff.Create("1\n2\n3\n4\n5\n6\n7\n8", "1\nX\n3\n4\n5\n6\nY\n8", "a", "b");

        Assert.Single(diff.Split('\n'), line => line.StartsWith("@@", StringComparison.Ordinal));
        Assert.Contains("@@ -1,8 +1,8 @@\n", diff);
    }

    [Fact]
    public void Create_IntoEmptyText_CountsAnEmptyRange()
    {
        var diff = UnifiedDiff.Create(string.Empty, "a\nb", "a", "b");

        Assert.Contains("+a\n+b\n", diff);
        Assert.StartsWith("--- a\n+++ b\n@@ -0,0 +1,2 @@\n", diff);
    }
}
