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
    public async Task RefreshAsync_UsedTokenReplayed_RevokesTheWholeSession()
    {
        await using var silo = await TestSilo.StartAsync();
        var (session, started) = await StartAsync(silo);
        var refreshed = await session.RefreshAsync(started.RefreshToken!);

        var replay = await session.RefreshAsync(started.RefreshToken!);
        var legitimate = await session.RefreshAsync(refreshed.RefreshToken!);

        Assert.Equal(SessionGrain.ReplayReason, replay.Refusal);
        Assert.Equal(SessionGrain.ReplayReason, legitimate.Refusal);
        Assert.Null(legitimate.RefreshToken);
        Assert.False((await session.GetAsync())!.IsActiveAt(DateTimeOffset.UtcNow));
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
        Assert.NotNull((await session.GetAsync())!.RevokedReason);
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

        await session.RevokeAsync("Signed out.");

        Assert.Equal("Signed out.", (await session.RefreshAsync(started.RefreshToken!)).Refusal);
    }

    [Fact]
    public async Task StartAsync_Twice_SecondIsRefused()
    {
        await using var silo = await TestSilo.StartAsync();
        var (session, started) = await StartAsync(silo);
        var user = (await silo.GrainFactory.GetGrain<IUserGrain>(started.Session!.UserId).GetAsync())!;

        var again = await session.StartAsync(user, Lifetime);

        Assert.Equal("The session has already started.", again.Refusal);
        Assert.Null(again.RefreshToken);
    }

    private static async Task<(ISessionGrain Session, SessionGrant Started)> StartAsync(TestSilo silo)
    {
        var newUser = EmailIndexGrainTests.NewUser($"s.{Guid.NewGuid():N}@example.com");
        var user = await silo.GrainFactory.GetGrain<IUserGrain>(newUser.Id).CreateAsync(newUser);
        var session = silo.GrainFactory.GetGrain<ISessionGrain>(Guid.NewGuid().ToString("N"));
        return (session, await session.StartAsync(user, Lifetime));
    }
}
