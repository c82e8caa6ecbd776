using System.Net;
using System.Text.Json;
using Cluster.ApiHost.Tests.Chats;

namespace Cluster.ApiHost.Tests.Preferences;

[Collection(IdentityClusterCollection.Name)]
public sealed class WorkspaceSharingTests(IdentityClusterFixture cluster)
{
    [Fact]
    public async Task Grant_ToUserGroupAndRole_ReadersSeeTheOwnersLatestSnapshotUntilRevoked()
    {
        using var api = cluster.Client();
        using var other = cluster.Client(second: true);
        var admin = await cluster.NewAdminAsync(api);
        var owner = await api.RegisterNewAsync();
        var reader = await api.RegisterNewAsync();
        var member = await api.RegisterNewAsync();
        var stranger = await api.RegisterNewAsync();
        var group = await api.CreateGroupAsync(admin);
        using (await api.SendAsync(HttpMethod.Post, $"/api/admin/groups/{group.Id}/members/{member.User.Id}", bearer: admin))
        {
        }

        var workspace = $"ops-{Guid.NewGuid():N}";
        using (await api.SendJsonAsync(HttpMethod.Patch, "/api/preferences", new { workspaces = new Dictionary<string, object> { [workspace] = new { title = "Ops", widgets = new[] { 1, 2 } } } }, owner.AccessToken))
        {
        }

        using var toUser = await Grant(api, owner.AccessToken, workspace, "user", reader.User.Id);
        using var toGroup = await Grant(api, owner.AccessToken, workspace, "group", group.Id);
        using var toRole = await Grant(api, owner.AccessToken, workspace, "role", "admin");
        using (await api.SendJsonAsync(HttpMethod.Patch, "/api/preferences", new { workspaces = new Dictionary<string, object> { [workspace] = new { title = "Ops (new)" } } }, owner.AccessToken))
        {
        }

        var readerLibrary = await LibraryAsync(other, reader.AccessToken);
        var memberLibrary = await LibraryAsync(other, member.AccessToken);
        var adminLibrary = await LibraryAsync(other, admin);
        var strangerLibrary = await LibraryAsync(other, stranger.AccessToken);
        using var revoked = await api.SendAsync(HttpMethod.Delete, $"/api/preferences/workspaces/{workspace}/grants/user/{reader.User.Id}", bearer: owner.AccessToken);
        var afterRevoke = await LibraryAsync(other, reader.AccessToken);
        var grants = await api.GetJsonAsync($"/api/preferences/workspaces/{workspace}/grants", owner.AccessToken);

        Assert.Equal(HttpStatusCode.OK, toUser.StatusCode);
        Assert.Equal(HttpStatusCode.OK, toGroup.StatusCode);
        Assert.Equal(HttpStatusCode.OK, toRole.StatusCode);
        var shared = Assert.Single(readerLibrary, entry => entry.GetProperty("workspaceId").GetString() == workspace);
        Assert.Equal(owner.User.Id, shared.GetProperty("ownerId").GetString());
        Assert.Equal("Ops (new)", shared.GetProperty("workspace").GetProperty("title").GetString());
        Assert.Equal(2, shared.GetProperty("workspace").GetProperty("widgets").GetArrayLength());
        Assert.Contains(memberLibrary, entry => entry.GetProperty("workspaceId").GetString() == workspace);
        Assert.Contains(adminLibrary, entry => entry.GetProperty("workspaceId").GetString() == workspace);
        Assert.DoesNotContain(strangerLibrary, entry => entry.GetProperty("workspaceId").GetString() == workspace);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.DoesNotContain(afterRevoke, entry => entry.GetProperty("workspaceId").GetString() == workspace);
        Assert.Equal(2, grants.GetArrayLength());
    }

    [Fact]
    public async Task Grant_MissingWorkspaceUnknownGranteeOrOthersGrant_IsRefused()
    {
        using var api = cluster.Client();
        var owner = await api.RegisterNewAsync();
        var someone = await api.RegisterNewAsync();
        using (await api.SendJsonAsync(HttpMethod.Patch, "/api/preferences", new { workspaces = new { main = new { title = "Main" } } }, owner.AccessToken))
        {
        }

        using var missing = await Grant(api, owner.AccessToken, "nope", "user", someone.User.Id);
        using var unknownUser = await Grant(api, owner.AccessToken, "main", "user", Guid.NewGuid().ToString());
        using var badRole = await Grant(api, owner.AccessToken, "main", "role", "root");
        using var badType = await Grant(api, owner.AccessToken, "main", "planet", "earth");
        using var badId = await Grant(api, owner.AccessToken, "bad id!", "user", someone.User.Id);
        using var granted = await Grant(api, owner.AccessToken, "main", "user", someone.User.Id);
        using var notTheirs = await api.SendAsync(HttpMethod.Delete, $"/api/preferences/workspaces/main/grants/user/{someone.User.Id}", bearer: someone.AccessToken);

        await missing.AssertProblemAsync(400, "bad_request:api");
        await unknownUser.AssertProblemAsync(400, "bad_request:api");
        await badRole.AssertProblemAsync(400, "bad_request:api");
        await badType.AssertProblemAsync(400, "bad_request:api");
        await badId.AssertProblemAsync(400, "bad_request:api");
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        await notTheirs.AssertProblemAsync(404, "not_found:preferences");
    }

    private static Task<HttpResponseMessage> Grant(ApiClient api, string token, string workspace, string type, string id) =>
        api.SendJsonAsync(HttpMethod.Post, $"/api/preferences/workspaces/{Uri.EscapeDataString(workspace)}/grants", new { type, id }, token);

    private static async Task<List<JsonElement>> LibraryAsync(ApiClient api, string token) =>
        [.. (await api.GetJsonAsync("/api/preferences", token)).GetProperty("shared_workspace_library").EnumerateArray()];
}
