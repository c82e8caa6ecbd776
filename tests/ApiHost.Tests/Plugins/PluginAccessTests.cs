using Cluster.ApiHost.Identity;
using Cluster.ApiHost.Plugins;
using Cluster.Grains.Interfaces.Identity;
using Cluster.Grains.Interfaces.Plugins;

namespace Cluster.ApiHost.Tests.Plugins;

public sealed class PluginAccessTests
{
    private const string Id = "doc-service";

    [Theory]
    [InlineData(true, "readers", UserRole.Admin, "", true)]
    [InlineData(true, "readers", UserRole.User, "", false)]
    [InlineData(true, "readers", UserRole.User, "readers", true)]
    [InlineData(true, "readers", UserRole.User, "doc-service-admin", true)]
    [InlineData(false, "readers", UserRole.Admin, "", false)]
    [InlineData(false, "", UserRole.User, "", true)]
    [InlineData(true, "", UserRole.User, "", false)]
    [InlineData(true, "", UserRole.Admin, "", true)]
    [InlineData(false, "Readers Team", UserRole.User, "readers team", true)]
    public void CanUse_ByRulesRoleAndGroups_FollowsTheManifest(bool allowSuperuser, string requiredGroup, UserRole role, string memberOf, bool expected)
    {
        var manifest = Manifest(new PluginAccessRules(allowSuperuser, requiredGroup.Length == 0 ? [] : [requiredGroup]));

        var allowed = PluginAccess.CanUse(manifest, Caller(role), Groups(memberOf));

        Assert.Equal(expected, allowed);
    }

    [Theory]
    [InlineData(UserRole.Admin, "", true)]
    [InlineData(UserRole.User, "doc-service-admin", true)]
    [InlineData(UserRole.User, "readers", false)]
    [InlineData(UserRole.User, "other-service-admin", false)]
    public void CanAdminister_ByRoleAndAdminGroup_IsSuperusersAndTheServiceAdmins(UserRole role, string memberOf, bool expected)
    {
        var allowed = PluginAccess.CanAdminister(Id, Caller(role), Groups(memberOf));

        Assert.Equal(expected, allowed);
    }

    [Fact]
    public void CanSee_AdminOfPluginClosedToSuperusers_StillSeesItToAdministerIt()
    {
        var manifest = Manifest(new PluginAccessRules(AllowSuperuser: false, ["readers"]));

        Assert.False(PluginAccess.CanUse(manifest, Caller(UserRole.Admin), Groups(string.Empty)));
        Assert.True(PluginAccess.CanSee(manifest, Caller(UserRole.Admin), Groups(string.Empty)));
        Assert.False(PluginAccess.CanSee(manifest, Caller(UserRole.User), Groups(string.Empty)));
    }

    private static PluginManifestInfo Manifest(PluginAccessRules access) => new(Id, "Documents", "1", string.Empty, null, [], null, access);

    private static AuthenticatedCaller Caller(UserRole role) =>
        new(new UserInfo(Guid.NewGuid().ToString(), "someone@example.com", UserType.Regular, role, true, DateTimeOffset.UnixEpoch, 1, []), "session", FromCookie: false);

    private static HashSet<string> Groups(string memberOf) => memberOf.Length == 0 ? [] : [memberOf];
}
