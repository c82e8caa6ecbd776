using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Testing;

/// <summary>
/// A logger provider for tests that keeps every line with its scopes' named values, as structured log sinks see them.
/// Register it as an <see cref="ILoggerProvider"/> singleton of the host under test.
/// </summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _lines = new();
    private IExternalScopeProvider? _scopes;

    /// <summary>The lines logged so far, oldest first.</summary>
    public IReadOnlyList<CapturedLog> Lines => [.. _lines];

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc />
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private void Write(string category, LogLevel level, string message)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        _scopes?.ForEachScope(
            static (scope, values) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    foreach (var (key, value) in pairs)
                    {
                        values[key] = value?.ToString();
                    }
                }
            },
            values);
        _lines.Enqueue(new CapturedLog(category, level, message, values));
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => capture._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture.Write(category, logLevel, formatter(state, exception));
    }
}
