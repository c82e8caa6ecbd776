using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Diagnostics;

/// <summary>
/// The last <see cref="Capacity"/> log lines of this process, for the dashboard's log stream. It keeps nothing, and
/// its loggers say they are disabled (so no message is even formatted for it), until someone reads; each read keeps it
/// on for <see cref="WatchLease"/> more. Lines are redacted (<see cref="LogRedaction"/>) as they are kept.
/// </summary>
public sealed class RecentLogs : ILoggerProvider
{
    /// <summary>How many lines are kept.</summary>
    public const int Capacity = 2000;

    /// <summary>The most lines one read returns.</summary>
    public const int MaxPage = 500;

    /// <summary>Longer messages are cut to this many characters.</summary>
    public const int MaxMessageLength = 4096;

    /// <summary>Longer exception texts are cut to this many characters.</summary>
    public const int MaxExceptionLength = 8192;

    /// <summary>How long lines are kept after the last read.</summary>
    public static readonly TimeSpan WatchLease = TimeSpan.FromSeconds(30);

    private readonly LogEntry?[] _ring = new LogEntry?[Capacity];
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private long _written;

    // A timestamp (TimeProvider.GetTimestamp) until which lines are kept; 0 when nobody watches, so that the check
    // loggers make on every call is one read.
    private long _watchedUntil;

    /// <summary>Keeps lines by the time of <paramref name="time"/>.</summary>
    public RecentLogs(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <summary>Whether lines are being kept now.</summary>
    public bool IsWatched
    {
        get
        {
            var until = Volatile.Read(ref _watchedUntil);
            if (until == 0)
            {
                return false;
            }

            if (until > _time.GetTimestamp())
            {
                return true;
            }

            Interlocked.CompareExchange(ref _watchedUntil, 0, until);
            return false;
        }
    }

    /// <summary>
    /// The lines kept after <paramref name="after"/> (0 for all), oldest first, at most <see cref="MaxPage"/>; keeps
    /// lines for <see cref="WatchLease"/> from now.
    /// </summary>
    public LogPage Read(long after)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        Volatile.Write(ref _watchedUntil, _time.GetTimestamp() + (long)(WatchLease.TotalSeconds * _time.TimestampFrequency));
        lock (_gate)
        {
            // A cursor ahead of what this process wrote is from an earlier start of it: all of this one's lines are new.
            var from = after > _written ? 0 : after;
            var oldest = Math.Max(0, _written - Capacity);
            var missed = Math.Max(0, oldest - from);
            var first = Math.Max(from, oldest);
            var count = (int)Math.Min(MaxPage, _written - first);
            var entries = new LogEntry[count];
            for (var index = 0; index < count; index++)
            {
                entries[index] = _ring[(first + index) % Capacity]!;
            }

            return new LogPage(entries, count > 0 ? entries[^1].Sequence : from, missed);
        }
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private void Write<TState>(string category, LogLevel level, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        // Redacted before cut: a cut through a secret would leave the part before the cut unmatched.
        var message = Cut(LogRedaction.Redact(formatter(state, exception)), MaxMessageLength);
        var failure = exception is null ? null : Cut(LogRedaction.Redact(exception.ToString()), MaxExceptionLength);
        var trace = Activity.Current is { } activity ? activity.TraceId.ToHexString() : null;
        var timestamp = _time.GetUtcNow();
        lock (_gate)
        {
            _ring[_written % Capacity] = new LogEntry(_written + 1, timestamp, level.ToString(), category, eventId.Id, eventId.Name, message, failure, trace);
            _written++;
        }
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : string.Concat(text.AsSpan(0, length), "…");

    private sealed class Logger(RecentLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logs.IsWatched;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                logs.Write(category, logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
