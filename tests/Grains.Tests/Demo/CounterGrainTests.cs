using Cluster.Grains.Demo;
using Cluster.Grains.Interfaces.Demo;
using Cluster.Runtime.Core;
using Cluster.Runtime.Reminders;
using Cluster.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task ScheduleAsync_OneSecond_AddsWithoutCallsUntilUnscheduled()
    {
        await using var silo = await StartWithShortRemindersAsync();
        var counter = silo.GrainFactory.GetGrain<ICounterGrain>($"c-{Guid.NewGuid():N}");

        var scheduled = await counter.ScheduleAsync(3, TimeSpan.FromSeconds(1));
        await Eventually.WaitUntilAsync(async () => (await counter.GetAsync()).Value >= 6, TimeSpan.FromSeconds(20), "two scheduled increments");
        var stopped = await counter.UnscheduleAsync();
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        Assert.Equal(new CounterSchedule(3, TimeSpan.FromSeconds(1)), scheduled.Schedule);
        Assert.Null(stopped.Schedule);
        Assert.Equal(stopped.Value, (await counter.GetAsync()).Value);
    }

    [Fact]
    public async Task ReceiveReminder_SameTickTwice_AppliedOnce()
    {
        await using var silo = await StartWithShortRemindersAsync();
        var name = $"c-{Guid.NewGuid():N}";
        var counter = silo.GrainFactory.GetGrain<ICounterGrain>(name);
        await counter.ScheduleAsync(4, TimeSpan.FromHours(1));
        var remindable = silo.GetReference<IRemindable>(((IAddressable)counter).GetGrainId());
        var tick = new TickStatus(DateTime.UtcNow, TimeSpan.FromHours(1), DateTime.UtcNow);

        await remindable.ReceiveReminder(CounterGrain.ScheduleReminder, tick);
        await remindable.ReceiveReminder(CounterGrain.ScheduleReminder, tick);
        await remindable.ReceiveReminder(CounterGrain.ScheduleReminder, tick with { CurrentTickTime = tick.CurrentTickTime.AddHours(1) });

        Assert.Equal(8, (await counter.GetAsync()).Value);
    }

    [Fact]
    public async Task ScheduleAsync_PeriodBelowTheMinimum_ThrowsAndSchedulesNothing()
    {
        await using var silo = await TestSilo.StartAsync();
        var counter = silo.GrainFactory.GetGrain<ICounterGrain>($"c-{Guid.NewGuid():N}");

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => counter.ScheduleAsync(1, TimeSpan.FromSeconds(10)));

        Assert.Null((await counter.GetAsync()).Schedule);
    }

    private static Task<TestSilo> StartWithShortRemindersAsync() =>
        TestSilo.StartAsync(configureSilo: silo => silo.Services.Configure<ReminderOptions>(reminders =>
        {
            reminders.MinimumPeriod = TimeSpan.FromSeconds(1);
            reminders.RefreshPeriod = TimeSpan.FromSeconds(1);
        }));
}
