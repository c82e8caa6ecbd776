namespace Cluster.Runtime.Diagnostics;

/// <summary>The lines <see cref="RecentLogs"/> kept after a sequence number, oldest first.</summary>
/// <param name="Entries">The lines, at most <see cref="RecentLogs.MaxPage"/>.</param>
/// <param name="Last">The sequence number to read after next time (the last line's, or the one asked for when none).</param>
/// <param name="Missed">Lines after the one asked for that the buffer no longer holds.</param>
public sealed record LogPage(IReadOnlyList<LogEntry> Entries, long Last, long Missed);
