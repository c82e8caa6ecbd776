using System.Net;
using System.Net.Http.Json;
using Cluster.ApiHost.Admin;
using Cluster.ApiHost.Auth;
using Cluster.ApiHost.Groups;
using Cluster.ApiHost.Users;

namespace Cluster.ApiHost.Tests.Admin;

[Collection(IdentityClusterCollection.Name)]
public sealed class AdminEndpointTests(IdentityClusterFixture cluster)
{
    [Theory]
    [InlineData("GET", "/api/admin/groups")]
    [InlineData("POST", "/api/admin/groups")]
    [InlineData("GET", "/api/admin/groups/some-id")]
    [InlineData("PATCH", "/api/admin/groups/some-id")]
    [InlineData("DELETE", "/api/admin/groups/some-id")]
    [InlineData("POST", "/api/admin/groups/some-id/members/some-user")]
    [InlineData("DELETE", "/api/admin/groups/some-id/members/some-user")]
    [InlineData("GET", "/api/admin/users")]
    [InlineData("GET", "/api/admin/audit")]
    [InlineData("GET", "/api/admin/users/some-id")]
    [InlineData("PATCH", "/api/admin/users/some-id")]
    public async Task AdminRoute_NonAdminOrAnonymous_IsRefused(string method, string path)
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();

        using var asUser = await api.SendAsync(new HttpMethod(method), path, JsonContent.Create(new { name = "x", role = "admin" }), user.AccessToken);
        using var anonymous = await api.SendAsync(new HttpMethod(method), path, JsonContent.Create(new { name = "x" }));

        Assert.Equal(HttpStatusCode.Forbidden, asUser.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task CreateGroup_SameNameInOtherCaseConcurrentlyOnTwoApiHosts_CreatesOne()
    {
        using var first = cluster.Client();
        using var second = cluster.Client(second: true);
        var admin = await cluster.NewAdminAsync(first);
        var name = $"Team {Guid.NewGuid():N}";

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(index =>
            (index % 2 == 0 ? first : second).SendAsync(HttpMethod.Post, "/api/admin/groups", JsonContent.Create(new GroupRequest(index % 3 == 0 ? name.ToUpperInvariant() : $"  {name} ", null)), admin)));

        Assert.Equal(1, responses.Count(response => response.StatusCode == HttpStatusCode.Created));
        Assert.Equal(5, responses.Count(response => response.StatusCode == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task Members_AddedAndRemoved_ShowInTheUsersGroups()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var member = await api.RegisterNewAsync();
        var group = await api.CreateGroupAsync(admin);

        using var added = await api.SendAsync(HttpMethod.Post, $"/api/admin/groups/{group.Id}/members/{member.User.Id}", bearer: admin);
        var mine = await GetAsync<GroupRef[]>(api, "/api/users/me/groups", member.AccessToken);
        var roles = await GetAsync<RolesResponse>(api, "/api/auth/roles", member.AccessToken);
        using var removed = await api.SendAsync(HttpMethod.Delete, $"/api/admin/groups/{group.Id}/members/{member.User.Id}", bearer: admin);
        var after = await GetAsync<GroupRef[]>(api, "/api/users/me/groups", member.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, added.StatusCode);
        Assert.Equal([new GroupRef(group.Id, group.Name)], mine);
        Assert.Contains(new GroupRef(group.Id, group.Name), roles.Groups);
        Assert.Equal(["user", "admin"], roles.Roles);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Empty(after);
    }

    [Fact]
    public async Task Members_UnknownUserOrGroup_IsNotFound()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var group = await api.CreateGroupAsync(admin);

        using var unknownUser = await api.SendAsync(HttpMethod.Post, $"/api/admin/groups/{group.Id}/members/{Guid.NewGuid()}", bearer: admin);
        using var unknownGroup = await api.SendAsync(HttpMethod.Post, $"/api/admin/groups/{Guid.NewGuid()}/members/{Guid.NewGuid()}", bearer: admin);

        Assert.Equal(HttpStatusCode.NotFound, unknownUser.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownGroup.StatusCode);
    }

    [Fact]
    public async Task UpdateGroup_RenamedToATakenName_IsAConflictAndTheOldNameIsFreedByARename()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var first = await api.CreateGroupAsync(admin);
        var second = await api.CreateGroupAsync(admin);

        using var taken = await api.SendAsync(HttpMethod.Patch, $"/api/admin/groups/{second.Id}", JsonContent.Create(new GroupRequest(first.Name, null)), admin);
        using var renamed = await api.SendAsync(HttpMethod.Patch, $"/api/admin/groups/{first.Id}", JsonContent.Create(new GroupRequest(first.Name + " renamed", "New purpose")), admin);
        using var reused = await api.SendAsync(HttpMethod.Post, "/api/admin/groups", JsonContent.Create(new GroupRequest(first.Name, null)), admin);

        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        var renamedGroup = await renamed.Content.ReadFromJsonAsync<GroupResponse>();
        Assert.Equal((first.Name + " renamed", "New purpose"), (renamedGroup!.Name, renamedGroup.Description));
        Assert.Equal(HttpStatusCode.Created, reused.StatusCode);
    }

    [Fact]
    public async Task DeleteGroup_WithMembers_RemovesItFromThemAndFreesTheName()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var member = await api.RegisterNewAsync();
        var group = await api.CreateGroupAsync(admin);
        using var added = await api.SendAsync(HttpMethod.Post, $"/api/admin/groups/{group.Id}/members/{member.User.Id}", bearer: admin);

        using var deleted = await api.SendAsync(HttpMethod.Delete, $"/api/admin/groups/{group.Id}", bearer: admin);
        using var get = await api.GetAsync($"/api/admin/groups/{group.Id}", bearer: admin);
        using var reused = await api.SendAsync(HttpMethod.Post, "/api/admin/groups", JsonContent.Create(new GroupRequest(group.Name, null)), admin);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Empty(await GetAsync<GroupRef[]>(api, "/api/users/me/groups", member.AccessToken));
        Assert.Equal(HttpStatusCode.Created, reused.StatusCode);
    }

    [Fact]
    public async Task CreateGroup_NoNameOrTooLongDescription_IsAValidationProblem()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);

        using var noName = await api.SendAsync(HttpMethod.Post, "/api/admin/groups", JsonContent.Create(new GroupRequest("  ", null)), admin);
        using var longDescription = await api.SendAsync(HttpMethod.Post, "/api/admin/groups", JsonContent.Create(new GroupRequest("ok", new string('d', 1001))), admin);

        Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, longDescription.StatusCode);
    }

    [Fact]
    public async Task PatchUser_Deactivated_EndsItsSessionsOnEveryApiHostAtOnce()
    {
        using var first = cluster.Client();
        using var second = cluster.Client(second: true);
        var admin = await cluster.NewAdminAsync(first);
        var user = await first.RegisterNewAsync();

        using var patched = await first.SendAsync(HttpMethod.Patch, $"/api/admin/users/{user.User.Id}", JsonContent.Create(new AdminUserRequest(null, false)), admin);
        using var me = await second.GetAsync("/api/auth/me", bearer: user.AccessToken);
        using var refresh = await second.Http.PostAsJsonAsync("/api/auth/refresh", new RefreshRequest(user.RefreshToken));
        using var login = await second.LoginAsync(user.User.Email);

        Assert.False((await patched.Content.ReadFromJsonAsync<UserResponse>())!.IsActive);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task PatchUser_PromotedToAdmin_ReachesAdminRoutesWithTheSameToken()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var user = await api.RegisterNewAsync();

        using var patched = await api.SendAsync(HttpMethod.Patch, $"/api/admin/users/{user.User.Id}", JsonContent.Create(new AdminUserRequest("admin", null)), admin);
        using var list = await api.GetAsync("/api/admin/groups", bearer: user.AccessToken);

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    [Fact]
    public async Task PatchUser_UnknownRoleOrSelfDemotion_IsRefused()
    {
        using var api = cluster.Client();
        var tokens = await api.RegisterNewAsync();
        await cluster.PromoteAsync(tokens.User.Id);

        using var unknownRole = await api.SendAsync(HttpMethod.Patch, $"/api/admin/users/{tokens.User.Id}", JsonContent.Create(new AdminUserRequest("root", null)), tokens.AccessToken);
        using var selfDemotion = await api.SendAsync(HttpMethod.Patch, $"/api/admin/users/{tokens.User.Id}", JsonContent.Create(new AdminUserRequest("user", null)), tokens.AccessToken);

        Assert.Equal(HttpStatusCode.BadRequest, unknownRole.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, selfDemotion.StatusCode);
    }

    [Fact]
    public async Task SearchUsers_EmailPrefix_PagesThroughMatchesByEmail()
    {
        using var api = cluster.Client(second: true);
        var admin = await cluster.NewAdminAsync(api);
        var prefix = $"dir{Guid.NewGuid():N}"[..16];
        foreach (var name in (string[])["c", "a", "e", "b", "d"])
        {
            await api.RegisterNewAsync($"{prefix}-{name}@example.com");
        }

        var first = await GetAsync<UserPageResponse>(api, $"/api/admin/users?q={prefix.ToUpperInvariant()}&limit=2", admin);
        var second = await GetAsync<UserPageResponse>(api, $"/api/admin/users?q={prefix}&limit=2&cursor={first.NextCursor}", admin);
        var third = await GetAsync<UserPageResponse>(api, $"/api/admin/users?q={prefix}&limit=2&cursor={second.NextCursor}", admin);

        Assert.Equal([$"{prefix}-a@example.com", $"{prefix}-b@example.com"], first.Users.Select(user => user.Email));
        Assert.Equal([$"{prefix}-c@example.com", $"{prefix}-d@example.com"], second.Users.Select(user => user.Email));
        Assert.Equal([$"{prefix}-e@example.com"], third.Users.Select(user => user.Email));
        Assert.Null(third.NextCursor);
    }

    [Theory]
    [InlineData("?cursor=forged")]
    [InlineData("?limit=0")]
    [InlineData("?limit=201")]
    public async Task SearchUsers_BadCursorOrLimit_IsABadRequest(string query)
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);

        using var response = await api.GetAsync($"/api/admin/users{query}", bearer: admin);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static async Task<T> GetAsync<T>(ApiClient api, string path, string bearer)
    {
        using var response = await api.GetAsync(path, bearer: bearer);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }
}
