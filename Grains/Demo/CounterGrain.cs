using Cluster.Grains.Interfaces.Demo;
using Cluster.Grains.Persistence;
using Cluster.Runtime.Core;
using Cluster.Runtime.Reminders;
using Cluster.Runtime.Storage;

namespace Cluster.Grains.Demo;

[GrainType("counter")]
public sealed class CounterGrain(
    [PersistentState(CounterGrain.StateName)] IPersistentState<CounterState> counter,
    TimeProvider timeProvider) : Grain, ICounterGrain, IRemindable
{
    public const string StateName = "counter";

    /// <summary>The name of the reminder that applies the scheduled increment.</summary>
    public const string ScheduleReminder = "scheduled-increment";

    public Task<CounterInfo> IncrementAsync(int amount, CancellationToken cancellationToken = default)
    {
        CheckAmount(amount);
        return ChangeAsync(state => state.Value = checked(state.Value + amount), cancellationToken);
    }

    public async Task<CounterInfo> ScheduleAsync(int amount, TimeSpan period, CancellationToken cancellationToken = default)
    {
        CheckAmount(amount);

        // The reminder first, as it checks the period: a refused one leaves the counter unchanged.
        await this.RegisterOrUpdateReminder(ScheduleReminder, period, period);
        return await ChangeAsync(state => state.Schedule = new CounterSchedule(amount, period), cancellationToken);
    }

    public async Task<CounterInfo> UnscheduleAsync(CancellationToken cancellationToken = default)
    {
        if (await this.GetReminder(ScheduleReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        return counter.State.Schedule is null ? ToInfo() : await ChangeAsync(state => state.Schedule = null, cancellationToken);
    }

    public Task<CounterInfo> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(ToInfo());

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ScheduleReminder)
        {
            return;
        }

        if (counter.State.Schedule is not { } schedule)
        {
            // Unscheduled while this tick was on its way, or the unregistration did not reach storage: end it now.
            await UnscheduleAsync();
            return;
        }

        // Ticks may come twice: one already applied is not applied again.
        if (counter.State.LastTickAt >= status.CurrentTickTime)
        {
            return;
        }

        await ChangeAsync(
            state =>
            {
                state.Value = checked(state.Value + schedule.Amount);
                state.LastTickAt = status.CurrentTickTime;
            },
            CancellationToken.None);
    }

    private async Task<CounterInfo> ChangeAsync(Action<CounterState> change, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await counter.ChangeAsync(
            state =>
            {
                change(state);
                state.Version++;
                state.UpdatedAt = now;
            },
            state => state.Copy(),
            cancellationToken);
        return ToInfo();
    }

    private static void CheckAmount(int amount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(amount, CounterLimits.MaxIncrement);
    }

    private CounterInfo ToInfo() => new(this.GetPrimaryKeyString(), counter.State.Value, counter.State.Version, counter.State.UpdatedAt, counter.State.Schedule);
}
