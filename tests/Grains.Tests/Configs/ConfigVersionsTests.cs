using Cluster.Grains.Configs;
using Cluster.Grains.Interfaces.Configs;

namespace Cluster.Grains.Tests.Configs;

public sealed class ConfigVersionsTests
{
    [Theory]
    [InlineData("1.2.3", true)]
    [InlineData("0.0.0", true)]
    [InlineData("01.2.3", false)]
    [InlineData("1.2", false)]
    [InlineData("1.2.3-beta", false)]
    [InlineData("1.2.x", false)]
    [InlineData("", false)]
    public void TryParse_Text_AcceptsOnlyMajorMinorPatch(string text, bool valid)
    {
        var parsed = SemanticVersion.TryParse(text, out var version);

        Assert.Equal(valid, parsed);
        Assert.Equal(valid ? text : "0.0.0", version.ToString());
    }

    [Fact]
    public void Next_ActiveVersionBehindTakenOnes_SkipsNumbersInUse()
    {
        var state = StateWith("1.0.0", "1.0.1", "1.0.2");
        state.Active = "1.0.0";

        var next = ConfigVersions.Next(state);

        Assert.Equal("1.0.3", next);
    }

    [Fact]
    public void Next_NoVersion_StartsAtOne()
    {
        var next = ConfigVersions.Next(new ConfigState());

        Assert.Equal("1.0.0", next);
    }

    [Fact]
    public void Prune_BeyondRetention_KeepsActiveAndRollbackTargetsAndNewestInactive()
    {
        var state = StateWith("1.0.0", "1.0.1", "1.0.2", "1.0.3", "1.0.4", "1.0.5", "1.0.6");
        state.PreviousGood = "1.0.0";
        state.LastKnownGood = "1.0.1";
        state.Active = "1.0.2";

        var removed = ConfigVersions.Prune(state, retention: 2);

        Assert.Equal(["1.0.3", "1.0.4"], removed);
        Assert.Equal(["1.0.0", "1.0.1", "1.0.2", "1.0.5", "1.0.6"], state.Versions.Select(info => info.Version));
    }

    [Fact]
    public async Task ProblemOf_BadVariableName_SaysWhatNamesWork()
    {
        var problem = await ConfigVersions.ProblemOfAsync(new ConfigSettingsInfo(null, new Dictionary<string, string> { ["1st"] = "x" }));

        Assert.Contains("letters, digits and underscores", problem);
    }

    private static ConfigState StateWith(params string[] versions) => new()
    {
        Versions = [.. versions.Select(version => new ConfigVersionInfo(version, null, "test", null, DateTimeOffset.UnixEpoch))],
    };
}
