namespace Cluster.Runtime.Tests.Grains;

public sealed record TimerReport(int Ticks, int MaxOverlap, int TicksDuringCalls);
