using Cluster.Grains.Interfaces.Identity;
using Cluster.Runtime.Testing;

namespace Cluster.Grains.Tests.Identity;

public sealed class EmailIndexGrainTests
{
    [Fact]
    public async Task RegisterAsync_NewEmail_CreatesAnActiveRegularUser()
    {
        await using var silo = await TestSilo.StartAsync();
        var user = NewUser($"Ada.{Guid.NewGuid():N}@Example.com");

        var result = await Register(silo, user);

        Assert.True(result.Created);
        Assert.Equal(
            (user.Id, user.Email, UserType.Regular, UserRole.User, true, 1L),
            (result.User!.Id, result.User.Email, result.User.Type, result.User.Role, result.User.IsActive, result.User.SessionVersion));
        Assert.Empty(result.User.GroupIds);
        Assert.Equal(user.Id, await silo.GrainFactory.GetGrain<IEmailIndexGrain>(EmailAddress.Normalize(user.Email)).GetOwnerAsync());
    }

    [Fact]
    public async Task RegisterAsync_SameEmailInOtherCaseAndSpacing_IsRefused()
    {
        await using var silo = await TestSilo.StartAsync();
        var email = $"grace.{Guid.NewGuid():N}@example.com";
        await Register(silo, NewUser(email));

        var second = await Register(silo, NewUser($"  {email.ToUpperInvariant()} "));

        Assert.False(second.Created);
    }

    [Fact]
    public async Task RegisterAsync_TwentyAtOnceForOneEmail_ExactlyOneAccountIsCreated()
    {
        await using var silo = await TestSilo.StartAsync();
        var email = $"race.{Guid.NewGuid():N}@example.com";
        var users = Enumerable.Range(0, 20).Select(_ => NewUser(email)).ToList();

        var results = await Task.WhenAll(users.Select(user => Register(silo, user)));

        var winner = Assert.Single(results, result => result.Created);
        var owner = await silo.GrainFactory.GetGrain<IEmailIndexGrain>(email).GetOwnerAsync();
        Assert.Equal(winner.User!.Id, owner);
        var accounts = await Task.WhenAll(users.Select(user => silo.GrainFactory.GetGrain<IUserGrain>(user.Id).GetAsync()));
        Assert.Single(accounts, account => account is not null);
    }

    [Fact]
    public async Task RegisterAsync_SameRegistrationRetried_ReturnsTheSameAccount()
    {
        await using var silo = await TestSilo.StartAsync();
        var user = NewUser($"retry.{Guid.NewGuid():N}@example.com");

        var first = await Register(silo, user);
        var retried = await Register(silo, user);

        Assert.True(retried.Created);
        Assert.Equal(first.User! with { GroupIds = [] }, retried.User! with { GroupIds = [] });
    }

    [Fact]
    public async Task RegisterAsync_EarlierClaimWhoseAccountWasNeverCreated_IsTakenOver()
    {
        await using var silo = await TestSilo.StartAsync();
        var email = $"half.{Guid.NewGuid():N}@example.com";

        // The claim is written, then creating the account fails (an empty hash is refused): a registration that died half-way.
        var broken = NewUser(email) with { PasswordHash = " " };
        await Assert.ThrowsAsync<ArgumentException>(() => Register(silo, broken));
        var result = await Register(silo, NewUser(email));

        Assert.True(result.Created);
        Assert.Null(await silo.GrainFactory.GetGrain<IUserGrain>(broken.Id).GetAsync());
    }

    [Fact]
    public async Task RegisterAsync_EmailOfAnotherEntry_IsRefusedWithoutClaiming()
    {
        await using var silo = await TestSilo.StartAsync();
        var entry = $"entry.{Guid.NewGuid():N}@example.com";
        var index = silo.GrainFactory.GetGrain<IEmailIndexGrain>(entry);

        await Assert.ThrowsAsync<ArgumentException>(() => index.RegisterAsync(NewUser($"other.{Guid.NewGuid():N}@example.com")));

        Assert.Null(await index.GetOwnerAsync());
    }

    internal static NewUser NewUser(string email) => new(Guid.CreateVersion7().ToString("N"), email, "v1$hash", UserType.Regular);

    private static Task<RegistrationResult> Register(TestSilo silo, NewUser user) =>
        silo.GrainFactory.GetGrain<IEmailIndexGrain>(EmailAddress.Normalize(user.Email)).RegisterAsync(user);
}
