using Cluster.Grains.Interfaces.Demo;
using Cluster.Runtime.Testing;

namespace Cluster.Grains.Tests.Demo;

public sealed class CounterGrainTests
{
    [Fact]
    public async Task IncrementAsync_TwiceThenReactivated_KeepsTheSum()
    {
        var name = $"c-{Guid.NewGuid():N}";
        await using (var silo = await TestSilo.StartAsync())
        {
            var counter = silo.GrainFactory.GetGrain<ICounterGrain>(name);
            await counter.IncrementAsync(2);
            var info = await counter.IncrementAsync(3);

            Assert.Equal(new CounterInfo(name, 5, 2, info.UpdatedAt), info);
            Assert.NotNull(info.UpdatedAt);
        }
    }

    [Fact]
    public async Task GetAsync_NeverIncremented_ReturnsZero()
    {
        await using var silo = await TestSilo.StartAsync();

        var info = await silo.GrainFactory.GetGrain<ICounterGrain>($"c-{Guid.NewGuid():N}").GetAsync();

        Assert.Equal(0, info.Value);
        Assert.Equal(0, info.Version);
        Assert.Null(info.UpdatedAt);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(CounterLimits.MaxIncrement + 1)]
    public async Task IncrementAsync_AmountOutOfRange_ThrowsAndChangesNothing(int amount)
    {
        await using var silo = await TestSilo.StartAsync();
        var counter = silo.GrainFactory.GetGrain<ICounterGrain>($"c-{Guid.NewGuid():N}");
        await counter.IncrementAsync(1);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => counter.IncrementAsync(amount));

        Assert.Equal(1, (await counter.GetAsync()).Value);
    }
}
