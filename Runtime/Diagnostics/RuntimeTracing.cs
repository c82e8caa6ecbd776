using System.Diagnostics;
using Cluster.Runtime.CodeGeneration;
using Cluster.Runtime.Core;

namespace Cluster.Runtime.Diagnostics;

/// <summary>
/// Traces across grain calls: the caller's current <see cref="Activity"/> travels with each call as a W3C
/// <c>traceparent</c> (and <c>tracestate</c>) in the request context, and the activation that runs the call starts a
/// server span under it, with the storage operations the call makes as its children. Spans are created only while an
/// <see cref="ActivityListener"/> (an OpenTelemetry SDK, a test) listens to <see cref="SourceName"/>.
/// </summary>
public static class RuntimeTracing
{
    /// <summary>The name of the runtime's <see cref="ActivitySource"/>.</summary>
    public const string SourceName = "Cluster.Runtime";

    /// <summary>The request context key of the W3C trace parent.</summary>
    public const string TraceParentKey = "traceparent";

    /// <summary>The request context key of the W3C trace state.</summary>
    public const string TraceStateKey = "tracestate";

    /// <summary>The runtime's spans.</summary>
    public static readonly ActivitySource Source = new(SourceName);

    // The W3C limit; a longer trace state (a client's header, say) is not passed on.
    private const int MaxTraceStateLength = 512;

    /// <summary>
    /// The context a call carries: <paramref name="context"/> with the current activity as its trace parent, when that
    /// activity is part of a trace (recorded here, or continuing a caller's). ASP.NET Core creates an unrecorded activity
    /// per request even when nothing traces; passing that on would only make the silos drop their spans.
    /// </summary>
    internal static RequestContextData? WithCurrentTrace(RequestContextData? context)
    {
        if (Activity.Current is not { IdFormat: ActivityIdFormat.W3C, Id: { } id } activity || !(activity.Recorded || activity.HasRemoteParent))
        {
            return context;
        }

        try
        {
            var traced = RequestContextData.With(context, TraceParentKey, id);
            return activity.TraceStateString is { Length: <= MaxTraceStateLength } state ? RequestContextData.With(traced, TraceStateKey, state) : traced;
        }
        catch (ArgumentException)
        {
            // The caller's context is full: the call goes without its trace rather than fail because of it.
            return context;
        }
    }

    /// <summary>The server span of a call about to run on an activation of <paramref name="grainType"/>, or null.</summary>
    internal static Activity? StartCall(Request request, string grainType)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var context = request.Context;
        ActivityContext parent = default;
        if (context?.Find(TraceParentKey) is { } traceParent)
        {
            ActivityContext.TryParse(traceParent, context.Find(TraceStateKey), isRemote: true, out parent);
        }

        // Without a parent, StartActivity would take the thread's current activity: a call must not join a trace by accident.
        if (parent == default)
        {
            Activity.Current = null;
        }

        // Only the grain type: keys may be e-mail addresses or other personal data, which traces must not carry.
        var activity = Source.StartActivity($"{request.InterfaceName}/{request.MethodName}", ActivityKind.Server, parent);
        activity?.SetTag("rpc.system", "cluster")
            .SetTag("rpc.service", request.InterfaceName)
            .SetTag("rpc.method", request.MethodName)
            .SetTag("cluster.grain.type", grainType);
        return activity;
    }

    /// <summary>Ends a call's span with its outcome.</summary>
    internal static void EndCall(Activity activity, Exception? exception)
    {
        if (exception is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        }

        activity.Dispose();
    }

    /// <summary>A child span of the current call for a storage operation, or null outside a trace.</summary>
    internal static Activity? StartStorage(string operation, string provider, string stateName)
    {
        if (Activity.Current is null || !Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(operation, ActivityKind.Client);
        activity?.SetTag("cluster.storage.provider", provider).SetTag("cluster.storage.state", stateName);
        return activity;
    }
}
