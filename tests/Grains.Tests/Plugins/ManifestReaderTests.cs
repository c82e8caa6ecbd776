using Cluster.Grains.Plugins;

namespace Cluster.Grains.Tests.Plugins;

public sealed class ManifestReaderTests
{
    private const string Id = "doc-service";

    [Fact]
    public async Task Read_FullManifest_GivesEveryPartAndSecretPointers()
    {
        const string json = """
            {
              "id": "doc-service", "name": "Documents", "version": "2.1.0", "description": "PDF library",
              "settings_schema": {
                "type": "object",
                "properties": {
                  "watch_folder": { "type": "string" },
                  "api_key": { "type": "string", "secret": true },
                  "smtp": { "type": "object", "properties": { "pass/word": { "type": "string", "secret": true } } }
                }
              },
              "ui": { "icon": "file" },
              "access": { "allow_superuser": false, "required_groups": ["doc-service-admin", " Readers "] },
              "future_field": 1
            }
            """;

        var (manifest, error) = await ManifestReader.ReadAsync(Id, json);

        Assert.Null(error);
        Assert.NotNull(manifest);
        Assert.Equal("Documents", manifest.Name);
        Assert.Equal("2.1.0", manifest.Version);
        Assert.Equal(["/api_key", "/smtp/pass~1word"], manifest.SecretFields);
        Assert.False(manifest.Access.AllowSuperuser);
        Assert.Equal(["doc-service-admin", "Readers"], manifest.Access.RequiredGroups);
        Assert.Contains("\"icon\"", manifest.Ui, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_MinimalManifest_HasNoSettingsAndIsOpenToEveryone()
    {
        var (manifest, error) = await ManifestReader.ReadAsync(Id, """{"id":"doc-service","name":"Docs","version":"1"}""");

        Assert.Null(error);
        Assert.Null(manifest!.SettingsSchema);
        Assert.Empty(manifest.SecretFields);
        Assert.False(manifest.Access.AllowSuperuser);
        Assert.Empty(manifest.Access.RequiredGroups);
        Assert.Equal(string.Empty, manifest.Description);
    }

    [Theory]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("""{"name":"Docs","version":"1"}""", "has no 'id'")]
    [InlineData("""{"id":"other","name":"Docs","version":"1"}""", "must be equal")]
    [InlineData("""{"id":"doc-service","name":"","version":"1"}""", "'name' must have 1 to")]
    [InlineData("""{"id":"doc-service","name":7,"version":"1"}""", "'name' is number")]
    [InlineData("""{"id":"doc-service","name":"Docs"}""", "has no 'version'")]
    [InlineData("""{"id":"doc-service","name":"Docs","version":"1","ui":[]}""", "'ui' must be a JSON object")]
    [InlineData("""{"id":"doc-service","name":"Docs","version":"1","settings_schema":"x"}""", "'settings_schema' must be a JSON object")]
    [InlineData("""{"id":"doc-service","name":"Docs","version":"1","settings_schema":{"$ref":"http://evil.example/schema.json"}}""", "only use local references")]
    [InlineData("""{"id":"doc-service","name":"Docs","version":"1","settings_schema":{"type":"object","allOf":[{"properties":{"key":{"type":"string","secret":true}}}]}}""", "declare secret fields directly under properties")]
    [InlineData("""{"id":"doc-service","name":"Docs","version":"1","access":true}""", "'access' must be an object")]
    [InlineData("""{"id":"doc-service","name":"Docs","version":"1","access":{"allow_superuser":"yes"}}""", "allow_superuser must be true or false")]
    [InlineData("""{"id":"doc-service","name":"Docs","version":"1","access":{"required_groups":"admins"}}""", "required_groups must be an array")]
    [InlineData("""{"id":"doc-service","name":"Docs","version":"1","access":{"required_groups":[""]}}""", "group names of 1 to")]
    public async Task Read_BrokenManifest_IsRefusedWithWhatToFix(string json, string expected)
    {
        var (manifest, error) = await ManifestReader.ReadAsync(Id, json);

        Assert.Null(manifest);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
