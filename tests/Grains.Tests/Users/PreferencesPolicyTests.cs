using System.Text.Json.Nodes;
using Cluster.Grains.Interfaces.Users;
using Cluster.Grains.Users;

namespace Cluster.Grains.Tests.Users;

public sealed class PreferencesPolicyTests
{
    private static readonly PreferencesPolicyInfo Policy = new("""{"theme":"light","nav":{"pinned":true},"lang":"en"}""", ["/theme", "/nav/pinned", "/beta"], null, null);

    [Fact]
    public void Apply_OwnOverDefaults_LockedKeysForcedBackAndLockedWithoutDefaultRemoved()
    {
        var own = JsonNode.Parse("""{"theme":"dark","lang":"fr","beta":true,"x":1}""")!.AsObject();

        var effective = PreferencesPolicy.Apply(Policy, own);

        Assert.Equal("light", effective["theme"]!.GetValue<string>());
        Assert.True(effective["nav"]!["pinned"]!.GetValue<bool>());
        Assert.Equal("fr", effective["lang"]!.GetValue<string>());
        Assert.False(effective.ContainsKey("beta"));
        Assert.Equal(1, effective["x"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("""{"theme":"dark"}""", "/theme")]
    [InlineData("""{"nav":null}""", "/nav/pinned")]
    [InlineData("""{"nav":{"pinned":false}}""", "/nav/pinned")]
    [InlineData("""{"lang":"de","nav":{"order":2}}""", null)]
    public void LockedIn_Patch_FindsTheLockedKeysItTouches(string patch, string? expected)
    {
        var locked = PreferencesPolicy.LockedIn(Policy, JsonNode.Parse(patch)!.AsObject());

        Assert.Equal(expected is null ? [] : [expected], locked);
    }
}
