namespace Cluster.ApiHost.Demo;

/// <summary>Body of <c>PUT /api/demo/counters/{name}/schedule</c>.</summary>
/// <param name="Amount">How much each tick adds, 1 to 1000.</param>
/// <param name="EverySeconds">Seconds between ticks, 1 to 86,400, and at least the cluster's shortest reminder period (60 by default).</param>
public sealed record ScheduleCounterRequest(int Amount, int EverySeconds);
