using System.Numerics;
using Cluster.Runtime.CodeGeneration;
using Cluster.Runtime.Timers;

namespace Cluster.Runtime.Messaging;

/// <summary>
/// Tracks the deadlines of calls awaiting a response and fails those that pass it. Requests are linked into
/// striped intrusive lists, so tracking a call allocates nothing and a completed call leaves at once (a
/// lazily-swept structure would keep completed requests reachable for a whole timeout and promote them).
/// Precision: a call fails between its timeout and one sweep period later.
/// </summary>
internal sealed class CallTimeoutTracker : IDisposable
{
    public static readonly TimeSpan SweepPeriod = TimeSpan.FromMilliseconds(100);

    private readonly Stripe[] _stripes;
    private readonly TimeProvider _timeProvider;
    private readonly ITimer _timer;
    private readonly TimeSpan _defaultTimeout;

    public CallTimeoutTracker(TimeProvider timeProvider, TimeSpan defaultTimeout)
    {
        _timeProvider = timeProvider;
        _defaultTimeout = defaultTimeout;
        _stripes = new Stripe[Math.Max(4, (int)BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount * 2))];
        for (var i = 0; i < _stripes.Length; i++)
        {
            _stripes[i] = new Stripe();
        }

        _timer = timeProvider.CreateTimer(static state => ((CallTimeoutTracker)state!).Sweep(), this, SweepPeriod, SweepPeriod);
    }

    public void Add(Request request)
    {
        var timeout = TimeoutOf(request);
        ref var entry = ref request.TimeoutEntry;
        entry.Deadline = _timeProvider.TimestampAfter(timeout);
        entry.Stripe = Environment.CurrentManagedThreadId & (_stripes.Length - 1);
        var stripe = _stripes[entry.Stripe];
        lock (stripe)
        {
            entry.Next = stripe.Head;
            if (stripe.Head is not null)
            {
                stripe.Head.TimeoutEntry.Previous = request;
            }

            stripe.Head = request;
            entry.Tracker = this;
        }
    }

    public void Remove(Request request)
    {
        var stripe = _stripes[request.TimeoutEntry.Stripe];
        lock (stripe)
        {
            if (request.TimeoutEntry.Tracker is not null)
            {
                Unlink(stripe, request);
            }
        }
    }

    public void Dispose() => _timer.Dispose();

    public TimeSpan TimeoutOf(Request request) => request.ResponseTimeout ?? _defaultTimeout;

    internal void Sweep()
    {
        var now = _timeProvider.GetTimestamp();
        List<Request>? expired = null;
        foreach (var stripe in _stripes)
        {
            lock (stripe)
            {
                for (var request = stripe.Head; request is not null;)
                {
                    var next = request.TimeoutEntry.Next;
                    if (request.TimeoutEntry.Deadline <= now)
                    {
                        Unlink(stripe, request);
                        (expired ??= []).Add(request);
                    }

                    request = next;
                }
            }
        }

        if (expired is null)
        {
            return;
        }

        foreach (var request in expired)
        {
            request.TryFail(new GrainCallTimeoutException(request.ToString(), request.Target?.ToString() ?? "?", TimeoutOf(request)));
        }
    }

    private static void Unlink(Stripe stripe, Request request)
    {
        ref var entry = ref request.TimeoutEntry;
        if (entry.Previous is null)
        {
            stripe.Head = entry.Next;
        }
        else
        {
            entry.Previous.TimeoutEntry.Next = entry.Next;
        }

        if (entry.Next is not null)
        {
            entry.Next.TimeoutEntry.Previous = entry.Previous;
        }

        entry.Previous = null;
        entry.Next = null;
        entry.Tracker = null;
    }

    /// <summary>A request's links in the tracker; lives inside the request so tracking allocates nothing.</summary>
    internal struct Entry
    {
        public CallTimeoutTracker? Tracker;
        public Request? Previous;
        public Request? Next;
        public long Deadline;
        public int Stripe;
    }

    private sealed class Stripe
    {
        public Request? Head;
    }
}
