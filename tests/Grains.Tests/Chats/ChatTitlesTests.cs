using Cluster.Grains.Chats.Models;

namespace Cluster.Grains.Tests.Chats;

public sealed class ChatTitlesTests
{
    [Theory]
    [InlineData("\"Trip: Lisbon\"", "Trip Lisbon")]
    [InlineData("  A title.  \nsecond line", "A title")]
    [InlineData("", "New Chat")]
    [InlineData(null, "New Chat")]
    [InlineData("\"\":''", "New Chat")]
    public void Clean_ModelAnswer_FollowsTheContractsRules(string? raw, string expected)
    {
        var title = ChatTitles.Clean(raw);

        Assert.Equal(expected, title);
    }

    [Fact]
    public void Clean_LongAnswer_IsCutAtAWordWithinEightyCharacters()
    {
        var raw = string.Join(' ', Enumerable.Repeat("word", 40));

        var title = ChatTitles.Clean(raw);

        Assert.True(title.Length <= 80);
        Assert.EndsWith("word", title, StringComparison.Ordinal);
    }
}
