using Cluster.Grains.Identity;
using Cluster.Grains.Interfaces.Groups;
using Cluster.Grains.Interfaces.Identity;
using Cluster.Runtime.Testing;

namespace Cluster.Grains.Tests.Identity;

public sealed class ExternalLoginGrainTests
{
    private const string Issuer = "https://login.example.com/realms/staff";

    [Fact]
    public async Task SignInAsync_FirstSight_ProvisionsOneAccountLinkedForGood()
    {
        await using var silo = await TestSilo.StartAsync();
        var identity = Identity(email: $"ext.{Guid.NewGuid():N}@example.com");
        var grain = silo.GrainFactory.GetGrain<IExternalLoginGrain>(identity.LoginKey);

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => grain.SignInAsync(identity)));
        var again = await grain.SignInAsync(identity);

        var user = results[0].User!;
        Assert.All(results, result => Assert.Equal(user.Id, result.User!.Id));
        Assert.Equal(user.Id, again.User!.Id);
        Assert.Equal(user.Id, await grain.GetUserIdAsync());
        Assert.Equal((UserType.Regular, Issuer, identity.VerifiedEmail), (user.Type, user.ExternalIssuer, user.Email));
        Assert.Equal(user.Id, await silo.GrainFactory.GetGrain<IEmailIndexGrain>(EmailAddress.Normalize(identity.VerifiedEmail!)).GetOwnerAsync());
    }

    [Fact]
    public async Task SignInAsync_NoVerifiedEmail_GetsAnUndeliverableAddressOfItsOwn()
    {
        await using var silo = await TestSilo.StartAsync();
        var first = Identity(email: null);
        var second = Identity(email: null);

        var one = (await silo.GrainFactory.GetGrain<IExternalLoginGrain>(first.LoginKey).SignInAsync(first)).User!;
        var other = (await silo.GrainFactory.GetGrain<IExternalLoginGrain>(second.LoginKey).SignInAsync(second)).User!;

        Assert.EndsWith("@" + ExternalLoginGrain.UnverifiedEmailDomain, one.Email, StringComparison.Ordinal);
        Assert.NotEqual(one.Email, other.Email);
    }

    [Fact]
    public async Task SignInAsync_EmailOfAnotherAccountWithoutLinking_IsRefused()
    {
        await using var silo = await TestSilo.StartAsync();
        var existing = await RegisterAsync(silo);
        var identity = Identity(email: existing.Email.ToUpperInvariant());

        var result = await silo.GrainFactory.GetGrain<IExternalLoginGrain>(identity.LoginKey).SignInAsync(identity);

        Assert.True(result.EmailTaken);
        Assert.Null(result.User);
        Assert.Null(await silo.GrainFactory.GetGrain<IExternalLoginGrain>(identity.LoginKey).GetUserIdAsync());
    }

    [Fact]
    public async Task SignInAsync_EmailOfAnotherAccountWithLinking_SignsInToThatAccountAndEndsItsPasswordAndSessions()
    {
        await using var silo = await TestSilo.StartAsync();
        var existing = await RegisterAsync(silo);
        var account = silo.GrainFactory.GetGrain<IUserGrain>(existing.Id);
        await account.SessionStartedAsync("s1", existing.SessionVersion, DateTimeOffset.UtcNow.AddHours(1));
        var identity = Identity(email: existing.Email) with { LinkByEmail = true };

        var result = await silo.GrainFactory.GetGrain<IExternalLoginGrain>(identity.LoginKey).SignInAsync(identity);

        Assert.Equal(existing.Id, result.User!.Id);
        Assert.Equal(Issuer, result.User.ExternalIssuer);
        Assert.Null((await account.BeginSignInAsync())!.PasswordHash);
        Assert.Null(await account.AuthenticateAsync("s1", existing.SessionVersion));
    }

    [Fact]
    public async Task SignInAsync_EmailOfAnAccountOfAnotherProvider_IsTakenEvenWithLinking()
    {
        await using var silo = await TestSilo.StartAsync();
        var existing = await RegisterAsync(silo);
        var other = Identity(email: existing.Email) with { Issuer = "https://other.example.com", LinkByEmail = true };
        await silo.GrainFactory.GetGrain<IExternalLoginGrain>(other.LoginKey).SignInAsync(other);
        var identity = Identity(email: existing.Email) with { LinkByEmail = true };

        var result = await silo.GrainFactory.GetGrain<IExternalLoginGrain>(identity.LoginKey).SignInAsync(identity);

        Assert.True(result.EmailTaken);
        Assert.Null(result.User);
    }

    [Fact]
    public async Task SignInAsync_RoleMapped_SetsItEachTime()
    {
        await using var silo = await TestSilo.StartAsync();
        var identity = Identity(email: null) with { Role = UserRole.Admin };
        var grain = silo.GrainFactory.GetGrain<IExternalLoginGrain>(identity.LoginKey);

        var admin = (await grain.SignInAsync(identity)).User!;
        var demoted = (await grain.SignInAsync(identity with { Role = UserRole.User })).User!;
        var unmapped = (await grain.SignInAsync(identity with { Role = null })).User!;

        Assert.Equal((UserRole.Admin, UserRole.User, UserRole.User), (admin.Role, demoted.Role, unmapped.Role));
    }

    [Fact]
    public async Task SignInAsync_GroupsListed_JoinsThemAndLeavesOnlyThoseItJoinedThisWay()
    {
        await using var silo = await TestSilo.StartAsync();
        var (staff, ops, manual) = (await CreateGroupAsync(silo, "Staff"), await CreateGroupAsync(silo, "Ops"), await CreateGroupAsync(silo, "Manual"));
        var identity = Identity(email: null) with { GroupNames = [staff.Name.ToUpperInvariant(), ops.Name, "no such group"] };
        var grain = silo.GrainFactory.GetGrain<IExternalLoginGrain>(identity.LoginKey);
        var user = (await grain.SignInAsync(identity)).User!;
        await silo.GrainFactory.GetGrain<IGroupGrain>(manual.Id).SetMemberAsync(user.Id, isMember: true);

        var joined = user.GroupIds.Order().ToList();
        var after = (await grain.SignInAsync(identity with { GroupNames = [staff.Name] })).User!;
        var unmapped = (await grain.SignInAsync(identity with { GroupNames = null })).User!;

        Assert.Equal(new[] { staff.Id, ops.Id }.Order(), joined);
        Assert.Equal(new[] { staff.Id, manual.Id }.Order(), after.GroupIds.Order());
        Assert.Equal(after.GroupIds.Order(), unmapped.GroupIds.Order());
    }

    [Fact]
    public async Task SignInAsync_DeactivatedAccount_IsReturnedInactiveAndUnchanged()
    {
        await using var silo = await TestSilo.StartAsync();
        var identity = Identity(email: null);
        var grain = silo.GrainFactory.GetGrain<IExternalLoginGrain>(identity.LoginKey);
        var user = (await grain.SignInAsync(identity)).User!;
        await silo.GrainFactory.GetGrain<IUserGrain>(user.Id).SetActiveAsync(false);

        var result = await grain.SignInAsync(identity with { Role = UserRole.Admin });

        Assert.False(result.User!.IsActive);
        Assert.Equal(UserRole.User, result.User.Role);
    }

    [Fact]
    public async Task SignInAsync_IdentityOfAnotherKey_Throws()
    {
        await using var silo = await TestSilo.StartAsync();
        var identity = Identity(email: null);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            silo.GrainFactory.GetGrain<IExternalLoginGrain>(identity.LoginKey + "x").SignInAsync(identity));
    }

    [Fact]
    public async Task StartPasswordResetAsync_AccountOfAProvider_GetsNoToken()
    {
        await using var silo = await TestSilo.StartAsync();
        var identity = Identity(email: $"ext.{Guid.NewGuid():N}@example.com");
        var user = (await silo.GrainFactory.GetGrain<IExternalLoginGrain>(identity.LoginKey).SignInAsync(identity)).User!;

        Assert.False(await silo.GrainFactory.GetGrain<IUserGrain>(user.Id).StartPasswordResetAsync(new string('a', 64)));
    }

    private static ExternalIdentity Identity(string? email) =>
        new(Issuer, Guid.NewGuid().ToString(), email, LinkByEmail: false, Role: null, GroupNames: null);

    private static async Task<UserInfo> RegisterAsync(TestSilo silo)
    {
        var newUser = EmailIndexGrainTests.NewUser($"local.{Guid.NewGuid():N}@example.com");
        return (await silo.GrainFactory.GetGrain<IEmailIndexGrain>(EmailAddress.Normalize(newUser.Email)).RegisterAsync(newUser)).User!;
    }

    private static async Task<GroupInfo> CreateGroupAsync(TestSilo silo, string prefix)
    {
        var name = $"{prefix} {Guid.NewGuid():N}";
        return (await silo.GrainFactory.GetGrain<IGroupNameGrain>(GroupName.Normalize(name)).CreateGroupAsync(Guid.NewGuid().ToString(), name, string.Empty))!;
    }
}
