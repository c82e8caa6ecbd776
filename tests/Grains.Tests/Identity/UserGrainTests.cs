using Cluster.Grains.Interfaces.Identity;
using Cluster.Runtime.Testing;

namespace Cluster.Grains.Tests.Identity;

public sealed class UserGrainTests
{
    [Fact]
    public async Task BeginSignInAsync_FiveFailuresInARow_LocksTheAccountUntilTheLockoutEnds()
    {
        var clock = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(timeProvider: clock);
        var user = await CreateAsync(silo);

        for (var attempt = 0; attempt < SignInLimits.MaxFailedAttempts; attempt++)
        {
            Assert.Equal("v1$hash", (await user.BeginSignInAsync())!.PasswordHash);
            await user.CompleteSignInAsync(succeeded: false);
        }

        var locked = await user.BeginSignInAsync();
        clock.Advance(SignInLimits.LockoutDuration);
        var afterLockout = await user.BeginSignInAsync();

        Assert.Null(locked!.PasswordHash);
        Assert.Equal(ManualTimeProvider.Epoch + SignInLimits.LockoutDuration, locked.LockedUntil);
        Assert.Equal("v1$hash", afterLockout!.PasswordHash);
    }

    [Fact]
    public async Task BeginSignInAsync_ParallelGuessesNotYetCompleted_EachCountsTowardsTheLockout()
    {
        await using var silo = await TestSilo.StartAsync();
        var user = await CreateAsync(silo);

        var tickets = await Task.WhenAll(Enumerable.Range(0, SignInLimits.MaxFailedAttempts + 3).Select(_ => user.BeginSignInAsync()));

        Assert.Equal(SignInLimits.MaxFailedAttempts, tickets.Count(ticket => ticket!.PasswordHash is not null));
    }

    [Fact]
    public async Task CompleteSignInAsync_Success_ClearsEarlierFailures()
    {
        await using var silo = await TestSilo.StartAsync();
        var user = await CreateAsync(silo);
        for (var attempt = 0; attempt < SignInLimits.MaxFailedAttempts - 1; attempt++)
        {
            await user.BeginSignInAsync();
        }

        await user.CompleteSignInAsync(succeeded: true);
        var next = await Task.WhenAll(Enumerable.Range(0, SignInLimits.MaxFailedAttempts - 1).Select(_ => user.BeginSignInAsync()));

        Assert.All(next, ticket => Assert.NotNull(ticket!.PasswordHash));
    }

    [Fact]
    public async Task ChangePasswordHashAsync_Existing_StoresItAndEndsEverySession()
    {
        await using var silo = await TestSilo.StartAsync();
        var user = await CreateAsync(silo);

        var changed = await user.ChangePasswordHashAsync("v1$new");

        Assert.Equal(2, changed.SessionVersion);
        Assert.Equal("v1$new", (await user.BeginSignInAsync())!.PasswordHash);
    }

    [Fact]
    public async Task RehashPasswordAsync_SameHashAsStored_ReplacesItAndKeepsSessions()
    {
        await using var silo = await TestSilo.StartAsync();
        var user = await CreateAsync(silo);

        await user.RehashPasswordAsync("v1$hash", "v2$hash");
        await user.RehashPasswordAsync("v1$hash", "v3$stale");

        Assert.Equal("v2$hash", (await user.BeginSignInAsync())!.PasswordHash);
        Assert.Equal(1, (await user.GetAsync())!.SessionVersion);
    }

    [Fact]
    public async Task CompletePasswordResetAsync_CurrentToken_SetsThePasswordOnceAndEndsSessions()
    {
        await using var silo = await TestSilo.StartAsync();
        var user = await CreateAsync(silo);
        Assert.True(await user.StartPasswordResetAsync("token-hash"));

        var reset = await user.CompletePasswordResetAsync("token-hash", "v1$reset");
        var reused = await user.CompletePasswordResetAsync("token-hash", "v1$again");

        Assert.Equal(2, reset!.SessionVersion);
        Assert.Null(reused);
        Assert.Equal("v1$reset", (await user.BeginSignInAsync())!.PasswordHash);
    }

    [Fact]
    public async Task CompletePasswordResetAsync_ExpiredOrWrongToken_ChangesNothingAndUsesItUp()
    {
        var clock = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(timeProvider: clock);
        var user = await CreateAsync(silo);
        await user.StartPasswordResetAsync("token-hash");

        var wrong = await user.CompletePasswordResetAsync("other-hash", "v1$reset");
        clock.Advance(SignInLimits.PasswordResetLifetime);
        var expired = await user.CompletePasswordResetAsync("token-hash", "v1$reset");

        Assert.Null(wrong);
        Assert.Null(expired);
        Assert.Equal(1, (await user.GetAsync())!.SessionVersion);
        Assert.Equal("v1$hash", (await user.BeginSignInAsync())!.PasswordHash);
    }

    [Fact]
    public async Task StartPasswordResetAsync_Guest_GetsNoToken()
    {
        await using var silo = await TestSilo.StartAsync();
        var id = Guid.CreateVersion7().ToString("N");
        var guest = silo.GrainFactory.GetGrain<IUserGrain>(id);
        await guest.CreateAsync(new NewUser(id, "guest-1@anonymous.local", null, UserType.Guest));

        Assert.False(await guest.StartPasswordResetAsync("token-hash"));
    }

    [Fact]
    public async Task SetActiveAsync_Deactivated_RefusesSignInAndEndsEverySession()
    {
        await using var silo = await TestSilo.StartAsync();
        var user = await CreateAsync(silo);

        var deactivated = await user.SetActiveAsync(false);
        var ticket = await user.BeginSignInAsync();

        Assert.False(deactivated.IsActive);
        Assert.Equal(2, deactivated.SessionVersion);
        Assert.Equal(new SignInTicket(null, null, IsActive: false), ticket);
    }

    [Theory]
    [InlineData(UserRole.Admin)]
    [InlineData(UserRole.User)]
    public async Task SetRoleAsync_KnownRole_IsWhatGetReturns(UserRole role)
    {
        await using var silo = await TestSilo.StartAsync();
        var user = await CreateAsync(silo);

        await user.SetRoleAsync(role);

        Assert.Equal(role, (await user.GetAsync())!.Role);
    }

    [Fact]
    public async Task SetRoleAsync_UndefinedRole_ThrowsAndChangesNothing()
    {
        await using var silo = await TestSilo.StartAsync();
        var user = await CreateAsync(silo);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => user.SetRoleAsync((UserRole)7));

        Assert.Equal(UserRole.User, (await user.GetAsync())!.Role);
    }

    [Fact]
    public async Task Operations_UnknownUser_GetIsNullAndChangesThrow()
    {
        await using var silo = await TestSilo.StartAsync();
        var user = silo.GrainFactory.GetGrain<IUserGrain>(Guid.CreateVersion7().ToString("N"));

        Assert.Null(await user.GetAsync());
        Assert.Null(await user.BeginSignInAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => user.SetRoleAsync(UserRole.Admin));
    }

    [Fact]
    public async Task CreateAsync_RegularDataForAGuest_UpgradesItInPlaceAndEndsItsSessions()
    {
        await using var silo = await TestSilo.StartAsync();
        var id = Guid.CreateVersion7().ToString("N");
        var user = silo.GrainFactory.GetGrain<IUserGrain>(id);
        var guest = await user.CreateAsync(new NewUser(id, $"guest-{id}@anonymous.local", null, UserType.Guest));
        var session = silo.GrainFactory.GetGrain<ISessionGrain>(Guid.NewGuid().ToString("N"));
        var started = await session.StartAsync(guest, TimeSpan.FromDays(1), userAgent: null);

        var upgraded = await user.CreateAsync(new NewUser(id, "Upgraded@example.com", "v1$hash", UserType.Regular));

        Assert.Equal((id, "Upgraded@example.com", UserType.Regular, 2L), (upgraded.Id, upgraded.Email, upgraded.Type, upgraded.SessionVersion));
        Assert.Equal(guest.CreatedAt, upgraded.CreatedAt);
        Assert.Null(await user.AuthenticateAsync(started.Session!.Id, guest.SessionVersion));
        Assert.Equal("v1$hash", (await user.BeginSignInAsync())!.PasswordHash);
    }

    [Fact]
    public async Task CreateAsync_GuestDataForARegularUser_ReturnsItUnchanged()
    {
        await using var silo = await TestSilo.StartAsync();
        var user = await CreateAsync(silo);
        var before = (await user.GetAsync())!;

        var after = await user.CreateAsync(new NewUser(before.Id, "guest-1@anonymous.local", null, UserType.Guest));

        Assert.Equal(before with { GroupIds = [] }, after with { GroupIds = [] });
        Assert.Empty(after.GroupIds);
    }

    [Fact]
    public async Task CreateAsync_RegularWithoutPasswordHash_Throws()
    {
        await using var silo = await TestSilo.StartAsync();
        var id = Guid.CreateVersion7().ToString("N");

        await Assert.ThrowsAsync<ArgumentException>(() => silo.GrainFactory.GetGrain<IUserGrain>(id).CreateAsync(new NewUser(id, "a@example.com", null, UserType.Regular)));
    }

    [Theory]
    [InlineData(UserType.Regular, "v1$hash")]
    [InlineData(UserType.Guest, null)]
    public async Task CreateAsync_ExternalWithPasswordOrAsGuest_Throws(UserType type, string? passwordHash)
    {
        await using var silo = await TestSilo.StartAsync();
        var id = Guid.CreateVersion7().ToString("N");
        var newUser = new NewUser(id, "a@example.com", passwordHash, type, "https://login.example.com");

        await Assert.ThrowsAsync<ArgumentException>(() => silo.GrainFactory.GetGrain<IUserGrain>(id).CreateAsync(newUser));
        Assert.Null(await silo.GrainFactory.GetGrain<IUserGrain>(id).GetAsync());
    }

    private static async Task<IUserGrain> CreateAsync(TestSilo silo)
    {
        var user = EmailIndexGrainTests.NewUser($"u.{Guid.NewGuid():N}@example.com");
        var grain = silo.GrainFactory.GetGrain<IUserGrain>(user.Id);
        await grain.CreateAsync(user);
        return grain;
    }
}
