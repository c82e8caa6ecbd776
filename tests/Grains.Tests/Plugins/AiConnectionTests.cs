using Cluster.Grains.Chats.Models;
using Cluster.Grains.Interfaces.Settings;
using Cluster.Grains.Settings;

namespace Cluster.Grains.Tests.Plugins;

public sealed class AiConnectionTests
{
    private static readonly OpenAiCompatibleOptions Configured = new() { BaseUrl = "https://api.openai.com/v1", ApiKey = "sk-configured", MaxRetries = 3 };

    [Fact]
    public void Apply_NothingSet_IsTheConfiguration()
    {
        var effective = AiConnection.Apply(Configured, AiConnectionInfo.None);

        Assert.Equal("https://api.openai.com/v1", effective.BaseUrl);
        Assert.Equal("sk-configured", effective.ApiKey);
        Assert.Equal(3, effective.MaxRetries);
    }

    [Fact]
    public void Apply_BaseUrlSetWithoutKey_NeverSendsTheConfiguredKeyThere()
    {
        var effective = AiConnection.Apply(Configured, new AiConnectionInfo("https://elsewhere.example/v1", null, null, null));

        Assert.Equal("https://elsewhere.example/v1", effective.BaseUrl);
        Assert.Equal(string.Empty, effective.ApiKey);
    }

    [Fact]
    public void Apply_KeySet_ReplacesTheConfiguredKey()
    {
        var effective = AiConnection.Apply(Configured, new AiConnectionInfo(null, "sk-administered", "2024-10-21", null));

        Assert.Equal("https://api.openai.com/v1", effective.BaseUrl);
        Assert.Equal("sk-administered", effective.ApiKey);
        Assert.Equal("2024-10-21", effective.AzureApiVersion);
    }
}
