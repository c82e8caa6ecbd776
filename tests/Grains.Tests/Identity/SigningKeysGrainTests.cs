using System.Security.Cryptography;
using Cluster.Grains.Interfaces.Identity;
using Cluster.Runtime.Testing;

namespace Cluster.Grains.Tests.Identity;

public sealed class SigningKeysGrainTests
{
    [Fact]
    public async Task GetKeysAsync_FirstCall_MakesOneUsableRsaKeyThatSignsNow()
    {
        var clock = new ShiftedClock();
        await using var silo = await TestSilo.StartAsync(timeProvider: clock);

        var keys = await Grain(silo).GetKeysAsync();

        var key = Assert.Single(keys);
        Assert.Equal(ShiftedClock.Start, key.SignsFrom);
        using var rsa = RSA.Create();
        rsa.ImportFromPem(key.PrivateKeyPem);
        Assert.Equal(SigningKeyLimits.KeySize, rsa.KeySize);
    }

    [Fact]
    public async Task GetKeysAsync_AskedAgain_ReturnsTheSameKey()
    {
        await using var silo = await TestSilo.StartAsync(timeProvider: new ShiftedClock());

        var first = await Grain(silo).GetKeysAsync();
        var second = await Grain(silo).GetKeysAsync();

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task GetKeysAsync_NearTheEndOfAKeysPeriod_PublishesTheNextBeforeItSigns()
    {
        var clock = new ShiftedClock();
        await using var silo = await TestSilo.StartAsync(timeProvider: clock);
        var first = Assert.Single(await Grain(silo).GetKeysAsync());

        clock.Advance(SigningKeyLimits.RotationPeriod - SigningKeyLimits.PublishAhead);
        var published = await Grain(silo).GetKeysAsync();
        clock.Advance(SigningKeyLimits.PublishAhead);
        var rotated = await Grain(silo).GetKeysAsync();

        Assert.Equal([first.KeyId, published[1].KeyId], published.Select(key => key.KeyId));
        Assert.Equal(first.SignsFrom + SigningKeyLimits.RotationPeriod, published[1].SignsFrom);
        Assert.Equal([published[1].KeyId, first.KeyId], rotated.Select(key => key.KeyId));
    }

    [Fact]
    public async Task GetKeysAsync_RetiredLongerThanTheRetention_DropsTheOldKey()
    {
        var clock = new ShiftedClock();
        await using var silo = await TestSilo.StartAsync(timeProvider: clock);
        var first = Assert.Single(await Grain(silo).GetKeysAsync());
        clock.Advance(SigningKeyLimits.RotationPeriod - SigningKeyLimits.PublishAhead);
        await Grain(silo).GetKeysAsync();

        clock.Advance(SigningKeyLimits.PublishAhead + SigningKeyLimits.RetainAfterRetirement);
        var keys = await Grain(silo).GetKeysAsync();

        Assert.DoesNotContain(keys, key => key.KeyId == first.KeyId);
        Assert.Equal(ShiftedClock.Start + SigningKeyLimits.RotationPeriod, keys[0].SignsFrom);
    }

    [Fact]
    public async Task GetKeysAsync_NobodyAskedForLongerThanAPeriod_NextKeySignsFromNowNotThePast()
    {
        var clock = new ShiftedClock();
        await using var silo = await TestSilo.StartAsync(timeProvider: clock);
        await Grain(silo).GetKeysAsync();

        clock.Advance(SigningKeyLimits.RotationPeriod * 3);
        var keys = await Grain(silo).GetKeysAsync();

        Assert.Equal(clock.GetUtcNow(), keys[0].SignsFrom);
        Assert.Equal(2, keys.Count);
    }

    private static ISigningKeysGrain Grain(TestSilo silo) => silo.GrainFactory.GetGrain<ISigningKeysGrain>(SigningKeyLimits.GrainKey);
}
