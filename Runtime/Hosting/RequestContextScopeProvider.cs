using System.Collections;
using System.Diagnostics;
using Cluster.Runtime.Activation;
using Cluster.Runtime.Core;
using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Hosting;

/// <summary>
/// The log scopes of a process that makes or serves grain calls: the usual nested scopes, with the current
/// activity's trace ids (<c>TraceId</c>, <c>SpanId</c>, <c>ParentId</c>, as the default scope provider it replaces
/// adds them) and the call's <see cref="LoggedKeys"/> from its <see cref="RequestContext"/> as the outermost ones,
/// so every log line written during a call, in any process it reaches, carries the caller's correlation id with no
/// code in the grain. Other request context values never reach logs: callers may put anything there, personal data
/// included. The values are only read when a logger that shows scopes writes a line.
/// </summary>
public sealed class RequestContextScopeProvider : IExternalScopeProvider
{
    /// <summary>The request context keys that log lines carry.</summary>
    public static readonly IReadOnlyList<string> LoggedKeys = [RequestContext.CorrelationIdKey];

    private readonly AsyncLocal<Scope?> _current = new();

    /// <inheritdoc />
    public void ForEachScope<TState>(Action<object?, TState> callback, TState state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (Activity.Current is { } activity)
        {
            callback(new ActivityScope(activity), state);
        }

        if (RequestContext.Current is { } context && ContextScope.Of(context) is { } logged)
        {
            callback(logged, state);
        }

        // Inside a grain turn: which silo and which grain type (never the key, which may be personal data).
        if (SynchronizationContext.Current is ActivationData activation)
        {
            callback(new GrainScope(activation.Runtime.Cluster?.SelfName, activation.GrainId.Type), state);
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
    private sealed class ContextScope(List<KeyValuePair<string, object?>> entries) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => entries.Count;

        public KeyValuePair<string, object?> this[int index] => entries[index];

        // The logged keys the context has, or null when it has none of them.
        public static ContextScope? Of(RequestContextData context)
        {
            List<KeyValuePair<string, object?>>? entries = null;
            foreach (var entry in context.Entries)
            {
                if (LoggedKeys.Contains(entry.Key))
                {
                    (entries ??= []).Add(new KeyValuePair<string, object?>(entry.Key, entry.Value));
                }
            }

            return entries is null ? null : new ContextScope(entries);
        }

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => entries.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => string.Join(", ", entries.Select(entry => $"{entry.Key}:{entry.Value}"));
    }

    private sealed class GrainScope(string? silo, string grainType) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 2;

        public KeyValuePair<string, object?> this[int index] => index switch
        {
            0 => new("Silo", silo),
            1 => new("Grain", grainType),
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
            yield return this[1];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"Silo:{silo}, Grain:{grainType}";
    }

    private sealed class ActivityScope(Activity activity) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 3;

        public KeyValuePair<string, object?> this[int index] => index switch
        {
            0 => new("SpanId", SpanId),
            1 => new("TraceId", TraceId),
            2 => new("ParentId", ParentId),
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (var index = 0; index < Count; index++)
            {
                yield return this[index];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private bool IsW3C => activity.IdFormat == ActivityIdFormat.W3C;

        private string? SpanId => IsW3C ? activity.SpanId.ToHexString() : activity.Id;

        private string? TraceId => IsW3C ? activity.TraceId.ToHexString() : activity.RootId;

        private string? ParentId => IsW3C ? activity.ParentSpanId.ToHexString() : activity.ParentId;

        public override string ToString() => $"SpanId:{SpanId}, TraceId:{TraceId}, ParentId:{ParentId}";
    }
}
