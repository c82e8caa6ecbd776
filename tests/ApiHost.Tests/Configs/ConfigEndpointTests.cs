using System.Net;
using System.Text.Json;
using Cluster.ApiHost.Tests.Chats;

namespace Cluster.ApiHost.Tests.Configs;

[Collection(IdentityClusterCollection.Name)]
public sealed class ConfigEndpointTests(IdentityClusterFixture cluster)
{
    [Fact]
    public async Task Save_WithAndWithoutVersions_NumbersFollowTheActiveVersionAndNeverRepeat()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var name = ConfigApi.NewName();

        var first = await api.SaveAsync(admin, name, new { port = 1 });
        var second = await api.SaveAsync(admin, name, new { config = new { port = 2 }, message = "second" });
        var staged = await api.SaveAsync(admin, name, new { config = new { port = 3 }, version = "2.0.0", activate = false });
        var bumped = await api.SaveAsync(admin, name, new { config = new { port = 4 } });
        using var taken = await api.SendJsonAsync(HttpMethod.Post, $"/api/config/{name}", new { config = new { port = 5 }, version = "2.0.0" }, admin);
        using var malformed = await api.SendJsonAsync(HttpMethod.Post, $"/api/config/{name}", new { config = new { port = 5 }, version = "2.0" }, admin);
        var versions = await api.VersionsAsync(admin, name);

        Assert.Equal("1.0.0", first.GetProperty("version").GetString());
        Assert.Equal("1.0.1", second.GetProperty("version").GetString());
        Assert.Equal("1.0.0", second.GetProperty("baseVersion").GetString());
        Assert.Equal("2.0.0", staged.GetProperty("version").GetString());
        Assert.Equal(JsonValueKind.Null, staged.GetProperty("active").ValueKind);
        Assert.Equal("1.0.2", bumped.GetProperty("version").GetString());
        await taken.AssertProblemAsync(409, "conflict:config");
        await malformed.AssertProblemAsync(400, "bad_request:config");
        Assert.Equal("1.0.2", versions.GetProperty("active").GetString());
        var listed = versions.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal(["1.0.2", "2.0.0", "1.0.1", "1.0.0"], listed.Select(version => version.GetProperty("version").GetString()));
        Assert.Equal("1.0.1", listed[0].GetProperty("parent").GetString());
        Assert.True(listed[0].GetProperty("active").GetBoolean());
        Assert.Equal("second", listed[2].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Save_AgainstTheSchema_RefusedNamingTheField()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var name = ConfigApi.NewName();
        var schema = new { type = "object", required = new[] { "port" }, properties = new { port = new { type = "integer", minimum = 1 } } };
        using (var put = await api.SendJsonAsync(HttpMethod.Put, $"/api/config/{name}/settings", new { schema }, admin))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        using var wrongType = await api.SendJsonAsync(HttpMethod.Post, $"/api/config/{name}", new { port = "eighty" }, admin);
        using var notObject = await api.SendAsync(HttpMethod.Post, $"/api/config/{name}", new StringContent("[1]", System.Text.Encoding.UTF8, "application/json"), admin);
        var remote = JsonDocument.Parse("""{"type": "object", "properties": {"a": {"$ref": "http://example.com/s.json"}}}""").RootElement;
        using var badSchema = await api.SendJsonAsync(HttpMethod.Put, $"/api/config/{name}/settings", new { schema = remote }, admin);
        var saved = await api.SaveAsync(admin, name, new { port = 80 });
        var problem = await wrongType.JsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Contains("port", problem.GetProperty("detail").GetString());
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), error => error.GetString()!.Contains("port", StringComparison.Ordinal));
        await notObject.AssertProblemAsync(400, "bad_request:api");
        Assert.Equal("1.0.0", saved.GetProperty("version").GetString());
        await badSchema.AssertProblemAsync(400, "bad_request:config");
    }

    [Fact]
    public async Task Diff_OfSaveVersionsAndPayload_IsUnifiedLineDiff()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var name = ConfigApi.NewName();
        await api.SaveAsync(admin, name, new { a = 1, b = 2, c = 3 });

        var saved = await api.SaveAsync(admin, name, new { a = 1, b = 20, c = 3 });
        var versions = await api.GetJsonAsync($"/api/config/{name}/diff?from=1.0.0&to=1.0.1", admin);
        using var payload = await api.SendJsonAsync(HttpMethod.Post, $"/api/config/{name}/diff", new { config = new { a = 1, b = 20 }, baseVersion = "1.0.1" }, admin);
        using var missing = await api.GetAsync($"/api/config/{name}/diff?from=9.9.9", admin);
        var payloadDiff = (await payload.JsonAsync()).GetProperty("diff").GetString()!;

        var expected = $"--- {name}@1.0.0\n+++ {name}@1.0.1\n@@ -1,5 +1,5 @@\n {{\n   \"a\": 1,\n-  \"b\": 2,\n+  \"b\": 20,\n   \"c\": 3\n }}\n";
        Assert.Equal(expected, saved.GetProperty("diff").GetString());
        Assert.Equal(expected, versions.GetProperty("diff").GetString());
        Assert.Contains("-  \"b\": 20,\n-  \"c\": 3\n+  \"b\": 20\n", payloadDiff);
        Assert.StartsWith($"--- {name}@1.0.1\n+++ {name}@unsaved\n", payloadDiff);
        await missing.AssertProblemAsync(404, "not_found:config");
    }

    [Fact]
    public async Task Get_WithVariables_ResolvesReferencesInStringsOnly()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var name = ConfigApi.NewName();
        using (await api.SendJsonAsync(HttpMethod.Put, $"/api/config/{name}/settings", new { variables = new Dictionary<string, string> { ["HOST"] = "db.internal", ["QUOTE"] = "\"}" } }, admin))
        {
        }

        await api.SaveAsync(admin, name, new { url = "postgres://${HOST}:5432", literal = "$${HOST}", quote = "${QUOTE}", missing = "${NOPE}" });
        var active = await api.GetJsonAsync($"/api/config/{name}", admin);
        using var unknown = await api.GetAsync($"/api/config/{name}?version=3.0.0", admin);

        var resolved = active.GetProperty("varsResolved");
        Assert.Equal("postgres://db.internal:5432", resolved.GetProperty("url").GetString());
        Assert.Equal("${HOST}", resolved.GetProperty("literal").GetString());
        Assert.Equal("\"}", resolved.GetProperty("quote").GetString());
        Assert.Equal("${NOPE}", resolved.GetProperty("missing").GetString());
        Assert.Equal(["NOPE"], active.GetProperty("unresolvedVars").EnumerateArray().Select(item => item.GetString()));
        Assert.Equal("postgres://${HOST}:5432", active.GetProperty("config").GetProperty("url").GetString());
        await unknown.AssertProblemAsync(404, "not_found:config");
    }

    [Fact]
    public async Task DeleteAndRestore_Versions_ActiveOneKeptAndOldDocumentCopied()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var name = ConfigApi.NewName();
        await api.SaveAsync(admin, name, new { step = 1 });
        await api.SaveAsync(admin, name, new { step = 2 });
        await api.SaveAsync(admin, name, new { step = 3 });

        using var deleteActive = await api.SendAsync(HttpMethod.Delete, $"/api/config/{name}/versions/1.0.2", bearer: admin);
        using var deleteOld = await api.SendAsync(HttpMethod.Delete, $"/api/config/{name}/versions/1.0.1", bearer: admin);
        using var restore = await api.SendAsync(HttpMethod.Post, $"/api/config/{name}/restore/1.0.0", bearer: admin);
        using var deleted = await api.GetAsync($"/api/config/{name}?version=1.0.1", admin);
        var active = await api.GetJsonAsync($"/api/config/{name}", admin);
        using var activate = await api.SendAsync(HttpMethod.Post, $"/api/config/{name}/activate/1.0.2", bearer: admin);
        var afterActivate = await api.VersionsAsync(admin, name);

        await deleteActive.AssertProblemAsync(409, "conflict:config");
        Assert.Equal(HttpStatusCode.OK, deleteOld.StatusCode);
        Assert.Equal(HttpStatusCode.OK, restore.StatusCode);
        await deleted.AssertProblemAsync(404, "not_found:config");
        Assert.Equal("1.0.3", active.GetProperty("version").GetString());
        Assert.Equal(1, active.GetProperty("config").GetProperty("step").GetInt32());
        Assert.Equal("Restored from 1.0.0", active.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, activate.StatusCode);
        Assert.Equal("1.0.2", afterActivate.GetProperty("active").GetString());
    }

    [Fact]
    public async Task Routes_ForUsersOutsideTheAdminGroup_AreForbidden()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var outsider = await api.RegisterNewAsync();
        var member = await api.RegisterNewAsync();
        var name = ConfigApi.NewName();
        using (var group = await api.SendJsonAsync(HttpMethod.Post, "/api/admin/groups", new { name = $"config-{name}-admin" }, admin))
        {
            var id = (await group.JsonAsync()).GetProperty("id").GetString();
            using var _ = await api.SendAsync(HttpMethod.Post, $"/api/admin/groups/{id}/members/{member.User.Id}", bearer: admin);
        }

        using var denied = await api.SendJsonAsync(HttpMethod.Post, $"/api/config/{name}", new { a = 1 }, outsider.AccessToken);
        using var deniedRead = await api.GetAsync($"/api/config/{name}/versions", outsider.AccessToken);
        var allowed = await api.SaveAsync(member.AccessToken, name, new { a = 1 });
        using var badName = await api.GetAsync("/api/config/Not_A_Name", admin);

        await denied.AssertProblemAsync(403, "forbidden:config");
        await deniedRead.AssertProblemAsync(403, "forbidden:config");
        Assert.Equal("1.0.0", allowed.GetProperty("version").GetString());
        await badName.AssertProblemAsync(400, "bad_request:api");
    }

    [Fact]
    public async Task Save_ConcurrentlyThroughTwoApiHosts_EveryVersionKeptOnce()
    {
        using var first = cluster.Client();
        using var second = cluster.Client(second: true);
        var admin = await cluster.NewAdminAsync(first);
        var name = ConfigApi.NewName();

        var saves = await Task.WhenAll(Enumerable.Range(0, 20).Select(index => (index % 2 == 0 ? first : second).SaveAsync(admin, name, new { index })));
        var versions = await first.VersionsAsync(admin, name);

        var numbers = saves.Select(save => save.GetProperty("version").GetString()).ToList();
        Assert.Equal(20, numbers.Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 20).Select(patch => $"1.0.{patch}").Order(), numbers.Order());
        Assert.Equal(20, versions.GetProperty("versions").GetArrayLength());
    }
}
