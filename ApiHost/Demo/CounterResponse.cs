using Cluster.Grains.Interfaces.Demo;

namespace Cluster.ApiHost.Demo;

/// <summary>A counter as the demo routes return it.</summary>
public sealed record CounterResponse(string Name, long Value, long Version, DateTimeOffset? UpdatedAt, CounterScheduleResponse? Schedule = null)
{
    public static CounterResponse From(CounterInfo counter) => new(
        counter.Name,
        counter.Value,
        counter.Version,
        counter.UpdatedAt,
        counter.Schedule is { } schedule ? new CounterScheduleResponse(schedule.Amount, (int)schedule.Period.TotalSeconds) : null);
}
