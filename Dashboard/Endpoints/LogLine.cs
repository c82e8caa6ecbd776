using Cluster.Runtime.Diagnostics;

namespace Cluster.Dashboard.Endpoints;

/// <summary>A log line of the log stream and the process it comes from.</summary>
/// <param name="Source">The silo's address, or the serving API host's name when it is not a silo.</param>
/// <param name="Entry">The line, redacted.</param>
public sealed record LogLine(string Source, LogEntry Entry);
