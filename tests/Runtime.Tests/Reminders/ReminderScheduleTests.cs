using Cluster.Runtime.Reminders;

namespace Cluster.Runtime.Tests.Reminders;

public sealed class ReminderScheduleTests
{
    private static readonly DateTime First = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void NextAfter_BeforeTheFirstTick_IsTheFirstTick()
    {
        var schedule = new ReminderSchedule(First, TimeSpan.FromMinutes(5));

        Assert.Equal(First, schedule.NextAfter(First.AddHours(-1)));
    }

    [Fact]
    public void NextAfter_ExactlyOnATick_IsTheFollowingOne()
    {
        var schedule = new ReminderSchedule(First, TimeSpan.FromMinutes(5));

        Assert.Equal(First.AddMinutes(15), schedule.NextAfter(First.AddMinutes(10)));
    }

    [Fact]
    public void NextAfter_BetweenTicks_IsAlignedToTheFirstTick()
    {
        var schedule = new ReminderSchedule(First, TimeSpan.FromMinutes(5));

        Assert.Equal(First.AddDays(3).AddMinutes(5), schedule.NextAfter(First.AddDays(3).AddMinutes(2)));
    }
}
