using System.Text.Json.Nodes;
using Cluster.Grains.Interfaces.Settings;
using Cluster.Grains.Plugins;

namespace Cluster.Grains.Tests.Plugins;

public sealed class SettingsDocumentTests
{
    private static readonly string[] Secrets = ["/api_key", "/smtp/password", "/missing/deep"];

    [Fact]
    public void Mask_SetSecrets_AreReplacedAndEmptyOnesLeft()
    {
        var settings = JsonNode.Parse("""{"api_key":"sk-1","smtp":{"password":"","host":"mail"},"name":"x"}""")!.AsObject();

        var masked = SettingsDocument.Mask(settings, Secrets);

        Assert.Equal(SettingsMasks.Secret, masked["api_key"]!.GetValue<string>());
        Assert.Equal(string.Empty, masked["smtp"]!["password"]!.GetValue<string>());
        Assert.Equal("mail", masked["smtp"]!["host"]!.GetValue<string>());
        Assert.Equal("sk-1", settings["api_key"]!.GetValue<string>());
    }

    [Fact]
    public void RemoveMaskedSecrets_MaskSentBack_IsDroppedAndNewValueKept()
    {
        var patch = JsonNode.Parse("""{"api_key":"********","smtp":{"password":"new"},"name":"********"}""")!.AsObject();

        SettingsDocument.RemoveMaskedSecrets(patch, Secrets);

        Assert.False(patch.ContainsKey("api_key"));
        Assert.Equal("new", patch["smtp"]!["password"]!.GetValue<string>());
        Assert.Equal("********", patch["name"]!.GetValue<string>());
    }

    [Fact]
    public void ChangedFields_NestedPatch_ListsInnermostPointers()
    {
        var patch = JsonNode.Parse("""{"a":1,"b":{"c":null,"d/e":{"f":true}},"g":{}}""")!.AsObject();

        var fields = SettingsDocument.ChangedFields(patch);

        Assert.Equal(["/a", "/b/c", "/b/d~1e/f", "/g"], fields);
    }
}
