namespace Cluster.Runtime.Diagnostics;

/// <summary>One log line kept by <see cref="RecentLogs"/>, with secrets already redacted.</summary>
/// <param name="Sequence">Its number in this process, from 1, without gaps.</param>
/// <param name="Timestamp">When it was logged.</param>
/// <param name="Level">Its level's name (Trace, Debug, Information, Warning, Error, Critical).</param>
/// <param name="Category">The logger's category, usually the logging class's full name.</param>
/// <param name="EventId">The event id, 0 when none.</param>
/// <param name="EventName">The event's name, when it has one.</param>
/// <param name="Message">The formatted message (at most <see cref="RecentLogs.MaxMessageLength"/> characters).</param>
/// <param name="Exception">The exception's type, message and stack, when one was logged (at most <see cref="RecentLogs.MaxExceptionLength"/> characters).</param>
/// <param name="TraceId">The W3C trace id of the activity it was logged in, when there was one.</param>
public sealed record LogEntry(
    long Sequence,
    DateTimeOffset Timestamp,
    string Level,
    string Category,
    int EventId,
    string? EventName,
    string Message,
    string? Exception,
    string? TraceId);
