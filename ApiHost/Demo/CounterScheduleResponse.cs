namespace Cluster.ApiHost.Demo;

/// <summary>A counter's scheduled increment as the demo routes return it.</summary>
public sealed record CounterScheduleResponse(int Amount, int EverySeconds);
