using System.Collections;
using Cluster.Runtime.Core;
using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Hosting;

/// <summary>
/// The log scopes of a process that makes or serves grain calls: the usual nested scopes, with the current
/// <see cref="RequestContext"/> values as the outermost one, so every log line written during a call, in any process
/// it reaches, carries the caller's correlation id (or whatever else it set) with no code in the grain. The values are
/// only read when a logger that shows scopes writes a line.
/// </summary>
public sealed class RequestContextScopeProvider : IExternalScopeProvider
{
    private readonly AsyncLocal<Scope?> _current = new();

    /// <inheritdoc />
    public void ForEachScope<TState>(Action<object?, TState> callback, TState state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (RequestContext.Current is { } context)
        {
            callback(new ContextScope(context), state);
        }

        Report(_current.Value, callback, state);

        static void Report(Scope? scope, Action<object?, TState> callback, TState state)
        {
            if (scope is not null)
            {
                Report(scope.Parent, callback, state);
                callback(scope.State, state);
            }
        }
    }

    /// <inheritdoc />
    public IDisposable Push(object? state)
    {
        var scope = new Scope(this, state, _current.Value);
        _current.Value = scope;
        return scope;
    }

    private sealed class Scope(RequestContextScopeProvider provider, object? state, Scope? parent) : IDisposable
    {
        private bool _disposed;

        public object? State => state;

        public Scope? Parent => parent;

        public void Dispose()
        {
            if (!_disposed)
            {
                provider._current.Value = parent;
                _disposed = true;
            }
        }

        public override string? ToString() => state?.ToString();
    }

    // A list of pairs, as structured formatters (the JSON console, OpenTelemetry) read scopes.
    private sealed class ContextScope(RequestContextData context) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => context.Entries.Length;

        public KeyValuePair<string, object?> this[int index] => new(context.Entries[index].Key, context.Entries[index].Value);

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (var index = 0; index < Count; index++)
            {
                yield return this[index];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => string.Join(", ", context.ToDictionary().Select(entry => $"{entry.Key}:{entry.Value}"));
    }
}
