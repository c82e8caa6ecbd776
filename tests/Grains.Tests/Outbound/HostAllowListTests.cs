using Cluster.Grains.Outbound;

namespace Cluster.Grains.Tests.Outbound;

public sealed class HostAllowListTests
{
    [Theory]
    [InlineData("registry.internal", true)]
    [InlineData("REGISTRY.internal", true)]
    [InlineData("a.example.com", true)]
    [InlineData("deep.a.example.com", true)]
    [InlineData("example.com", false)]
    [InlineData("badexample.com", false)]
    [InlineData("registry.internal.evil.com", false)]
    public void Allows_Host_MatchesExactNamesAndSubdomainWildcards(string host, bool allowed)
    {
        string[] list = ["registry.internal", "*.example.com"];

        var result = HostAllowList.Allows(list, host);

        Assert.Equal(allowed, result);
    }

    [Theory]
    [InlineData("https://registry.internal/x", true)]
    [InlineData("ftp://registry.internal/x", false)]
    [InlineData("file:///etc/passwd", false)]
    public void Allows_Url_OnlyHttpToAnAllowedHost(string url, bool allowed)
    {
        var result = HostAllowList.Allows(["registry.internal"], new Uri(url));

        Assert.Equal(allowed, result);
    }

    [Fact]
    public void Problems_HostsWithSchemeOrPort_NameTheSettingAndTheEntry()
    {
        var problems = HostAllowList.Problems(["ok.internal", "https://bad", "bad:8080", " "], "Widgets:AllowedHosts").ToList();

        Assert.Equal(3, problems.Count);
        Assert.All(problems, problem => Assert.StartsWith("Widgets:AllowedHosts holds", problem, StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.Contains("'bad:8080'", StringComparison.Ordinal));
    }
}
