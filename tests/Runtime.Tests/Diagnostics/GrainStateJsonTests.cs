using System.Text.Json;
using Cluster.Runtime.Diagnostics;

namespace Cluster.Runtime.Tests.Diagnostics;

public sealed class GrainStateJsonTests
{
    [Fact]
    public void Describe_StateWithCredentials_RedactsThemByNameAtAnyDepth()
    {
        var state = new SampleState("ada@example.com", "pbkdf2$abc", [new SampleSession("s1", "refresh-hash")], new Dictionary<string, int> { ["logins"] = 3 }, InputTokens: 42);

        var snapshot = GrainStateJson.Describe("user", "store", state, "7", recordExists: true);
        using var json = JsonDocument.Parse(snapshot.Json);

        Assert.Equal("ada@example.com", json.RootElement.GetProperty("email").GetString());
        Assert.Equal(LogRedaction.Mask, json.RootElement.GetProperty("passwordHash").GetString());
        Assert.Equal("s1", json.RootElement.GetProperty("sessions")[0].GetProperty("id").GetString());
        Assert.Equal(LogRedaction.Mask, json.RootElement.GetProperty("sessions")[0].GetProperty("refreshTokenHash").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("counts").GetProperty("logins").GetInt32());
        Assert.Equal(42, json.RootElement.GetProperty("inputTokens").GetInt32());
        Assert.Equal(("user", "store", "7", true, false), (snapshot.StateName, snapshot.StorageName, snapshot.ETag, snapshot.RecordExists, snapshot.Truncated));
    }

    [Fact]
    public void Describe_HugeState_CutAndMarkedTruncated()
    {
        var state = new SampleState(new string('x', GrainStateJson.MaxLength), string.Empty, [], [], InputTokens: 0);

        var snapshot = GrainStateJson.Describe("user", "store", state, null, recordExists: true);

        Assert.True(snapshot.Truncated);
        Assert.Equal(GrainStateJson.MaxLength, snapshot.Json.Length);
    }

    private sealed record SampleState(string Email, string PasswordHash, List<SampleSession> Sessions, Dictionary<string, int> Counts, int InputTokens);

    private sealed record SampleSession(string Id, string RefreshTokenHash);
}
