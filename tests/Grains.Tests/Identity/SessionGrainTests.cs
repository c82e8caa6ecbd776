using Cluster.Grains.Identity;
using Cluster.Grains.Interfaces.Identity;
using Cluster.Runtime.Testing;

namespace Cluster.Grains.Tests.Identity;

public sealed class SessionGrainTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    [Fact]
    public async Task RefreshAsync_CurrentToken_GrantsANewOneAndTheOldStopsWorking()
    {
        await using var silo = await TestSilo.StartAsync();
        var (session, started) = await StartAsync(silo);

        var refreshed = await session.RefreshAsync(started.RefreshToken!);
        var next = await session.RefreshAsync(refreshed.RefreshToken!);

        Assert.Null(refreshed.Refusal);
        Assert.NotEqual(started.RefreshToken, refreshed.RefreshToken);
        Assert.StartsWith(started.Session!.Id + ".", refreshed.RefreshToken, StringComparison.Ordinal);
        Assert.Null(next.Refusal);
        Assert.NotNull(next.Session!.LastRefreshedAt);
    }

    [Fact]
    public async Task RefreshAsync_UsedTokenReplayedAfterTheGrace_RevokesTheWholeSession()
    {
        var clock = new ShiftedClock();
        await using var silo = await TestSilo.StartAsync(timeProvider: clock);
        var (session, started) = await StartAsync(silo);
        var refreshed = await session.RefreshAsync(started.RefreshToken!);
        clock.Advance(SessionLimits.RefreshReuseGrace);

        var replay = await session.RefreshAsync(started.RefreshToken!);
        var legitimate = await session.RefreshAsync(refreshed.RefreshToken!);

        Assert.Equal(SessionGrain.ReplayReason, replay.Refusal);
        Assert.Equal(SessionGrain.ReplayReason, legitimate.Refusal);
        Assert.Null(legitimate.RefreshToken);
        Assert.False((await session.GetAsync())!.IsActiveAt(DateTimeOffset.UtcNow));
        Assert.Null(await silo.GrainFactory.GetGrain<IUserGrain>(started.Session!.UserId).AuthenticateAsync(started.Session.Id, 1));
    }

    [Fact]
    public async Task RefreshAsync_SameTokenTwiceWithinTheGrace_GrantsTwoTokensThatBothWork()
    {
        var clock = new ShiftedClock();
        await using var silo = await TestSilo.StartAsync(timeProvider: clock);
        var (session, started) = await StartAsync(silo);

        var first = await session.RefreshAsync(started.RefreshToken!);
        var second = await session.RefreshAsync(started.RefreshToken!);
        clock.Advance(SessionLimits.RefreshReuseGrace);
        var fromSecond = await session.RefreshAsync(second.RefreshToken!);

        Assert.Null(first.Refusal);
        Assert.Null(second.Refusal);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.Null(fromSecond.Refusal);
    }

    [Fact]
    public async Task RefreshAsync_SiblingUsedAfterTheOtherMovedOnPastTheGrace_RevokesTheSession()
    {
        var clock = new ShiftedClock();
        await using var silo = await TestSilo.StartAsync(timeProvider: clock);
        var (session, started) = await StartAsync(silo);
        var first = await session.RefreshAsync(started.RefreshToken!);
        var second = await session.RefreshAsync(started.RefreshToken!);
        await session.RefreshAsync(first.RefreshToken!);
        clock.Advance(SessionLimits.RefreshReuseGrace);

        var replay = await session.RefreshAsync(second.RefreshToken!);

        Assert.Equal(SessionGrain.ReplayReason, replay.Refusal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("other-session.secret")]
    public async Task RefreshAsync_TokenNotOfThisSession_IsRefusedAndTheSessionLives(string token)
    {
        await using var silo = await TestSilo.StartAsync();
        var (session, started) = await StartAsync(silo);

        var refused = await session.RefreshAsync(token);

        Assert.Equal("The refresh token is not this session's.", refused.Refusal);
        Assert.Null((await session.RefreshAsync(started.RefreshToken!)).Refusal);
    }

    [Fact]
    public async Task RefreshAsync_AfterThePasswordChanged_IsRefusedAndRevokes()
    {
        await using var silo = await TestSilo.StartAsync();
        var (session, started) = await StartAsync(silo);

        await silo.GrainFactory.GetGrain<IUserGrain>(started.Session!.UserId).ChangePasswordHashAsync("v1$new");
        var refused = await session.RefreshAsync(started.RefreshToken!);

        Assert.Null(refused.RefreshToken);
        Assert.Equal(SessionGrain.UserEndedReason, (await session.GetAsync())!.RevokedReason);
    }

    [Fact]
    public async Task StartAsync_New_IsLiveForTheUserUntilRevoked()
    {
        await using var silo = await TestSilo.StartAsync();
        var (session, started) = await StartAsync(silo);
        var user = silo.GrainFactory.GetGrain<IUserGrain>(started.Session!.UserId);

        var live = await user.AuthenticateAsync(started.Session.Id, 1);
        var wrongVersion = await user.AuthenticateAsync(started.Session.Id, 2);
        await session.RevokeAsync(SessionGrain.SignedOutReason);

        Assert.Equal(started.Session.UserId, live!.Id);
        Assert.Null(wrongVersion);
        Assert.Null(await user.AuthenticateAsync(started.Session.Id, 1));
        Assert.Empty(await user.GetSessionIdsAsync());
    }

    [Fact]
    public async Task StartAsync_UserVersionMovedOnMeanwhile_IsRefused()
    {
        await using var silo = await TestSilo.StartAsync();
        var (_, started) = await StartAsync(silo);
        var user = silo.GrainFactory.GetGrain<IUserGrain>(started.Session!.UserId);
        var before = (await user.GetAsync())!;
        await user.ChangePasswordHashAsync("v1$new");
        var session = silo.GrainFactory.GetGrain<ISessionGrain>(Guid.NewGuid().ToString("N"));

        var refused = await session.StartAsync(before, Lifetime, userAgent: null);

        Assert.Equal(SessionGrain.UserEndedReason, refused.Refusal);
        Assert.Null(refused.RefreshToken);
    }

    [Fact]
    public async Task StartAsync_PastTheLimitOfSessions_EndsTheOldest()
    {
        await using var silo = await TestSilo.StartAsync();
        var (_, oldest) = await StartAsync(silo);
        var user = silo.GrainFactory.GetGrain<IUserGrain>(oldest.Session!.UserId);
        var info = (await user.GetAsync())!;

        for (var started = 1; started < SessionLimits.MaxActivePerUser; started++)
        {
            await silo.GrainFactory.GetGrain<ISessionGrain>(Guid.NewGuid().ToString("N")).StartAsync(info, Lifetime, userAgent: null);
        }

        Assert.Contains(oldest.Session.Id, await user.GetSessionIdsAsync());
        await silo.GrainFactory.GetGrain<ISessionGrain>(Guid.NewGuid().ToString("N")).StartAsync(info, Lifetime + TimeSpan.FromMinutes(1), userAgent: null);
        Assert.Equal(SessionLimits.MaxActivePerUser, (await user.GetSessionIdsAsync()).Count);
        Assert.DoesNotContain(oldest.Session.Id, await user.GetSessionIdsAsync());
        Assert.Null(await user.AuthenticateAsync(oldest.Session.Id, 1));
    }

    [Fact]
    public async Task StartAsync_LongUserAgent_KeepsItsBeginning()
    {
        await using var silo = await TestSilo.StartAsync();
        var newUser = EmailIndexGrainTests.NewUser($"s.{Guid.NewGuid():N}@example.com");
        var user = await silo.GrainFactory.GetGrain<IUserGrain>(newUser.Id).CreateAsync(newUser);
        var agent = "Mozilla/5.0 " + new string('x', 1000);

        var started = await silo.GrainFactory.GetGrain<ISessionGrain>(Guid.NewGuid().ToString("N")).StartAsync(user, Lifetime, agent);

        Assert.Equal(agent[..SessionLimits.MaxUserAgentLength], started.Session!.UserAgent);
    }

    [Fact]
    public async Task RefreshAsync_PastTheSessionsLifetime_IsRefused()
    {
        var clock = new ShiftedClock();
        await using var silo = await TestSilo.StartAsync(timeProvider: clock);
        var (session, started) = await StartAsync(silo);

        clock.Advance(Lifetime);

        Assert.Equal("The session has expired; sign in again.", (await session.RefreshAsync(started.RefreshToken!)).Refusal);
    }

    [Fact]
    public async Task RevokeAsync_SignedOut_RefusesTheRefreshToken()
    {
        await using var silo = await TestSilo.StartAsync();
        var (session, started) = await StartAsync(silo);

        await session.RevokeAsync(SessionGrain.SignedOutReason);

        Assert.Equal(SessionGrain.SignedOutReason, (await session.RefreshAsync(started.RefreshToken!)).Refusal);
    }

    [Fact]
    public async Task SignOutAsync_CurrentToken_EndsTheSessionWithoutCountingAReplay()
    {
        await using var silo = await TestSilo.StartAsync();
        var (session, started) = await StartAsync(silo);

        var foreign = await session.SignOutAsync(started.Session!.Id + ".not-the-secret");
        var signedOut = await session.SignOutAsync(started.RefreshToken!);

        Assert.False(foreign);
        Assert.True(signedOut);
        Assert.Equal(SessionGrain.SignedOutReason, (await session.GetAsync())!.RevokedReason);
    }

    [Fact]
    public async Task StartAsync_Twice_SecondIsRefused()
    {
        await using var silo = await TestSilo.StartAsync();
        var (session, started) = await StartAsync(silo);
        var user = (await silo.GrainFactory.GetGrain<IUserGrain>(started.Session!.UserId).GetAsync())!;

        var again = await session.StartAsync(user, Lifetime, userAgent: null);

        Assert.Equal("The session has already started.", again.Refusal);
        Assert.Null(again.RefreshToken);
    }

    private static async Task<(ISessionGrain Session, SessionGrant Started)> StartAsync(TestSilo silo)
    {
        var newUser = EmailIndexGrainTests.NewUser($"s.{Guid.NewGuid():N}@example.com");
        var user = await silo.GrainFactory.GetGrain<IUserGrain>(newUser.Id).CreateAsync(newUser);
        var session = silo.GrainFactory.GetGrain<ISessionGrain>(Guid.NewGuid().ToString("N"));
        return (session, await session.StartAsync(user, Lifetime, "tests"));
    }
}
