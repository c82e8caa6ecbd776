using System.Buffers;
using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Cluster.Runtime.Core;
using Cluster.Runtime.Messaging;
using Cluster.Runtime.Messaging.Remote;
using Cluster.Runtime.Messaging.Wire;

namespace Cluster.Runtime.CodeGeneration;

/// <summary>
/// One grain call: the target method, its arguments, and the caller's pending result. Generated code derives a
/// sealed class per interface method; the runtime creates no other object per call, so this class keeps its
/// fields few (the local-call benchmark's allocation target counts every byte).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class Request
{
    private const int CallerCompletedFlag = 1;
    private const int CompleteInlineFlag = 2;
    private const int DirectedFlag = 4;
    private const int ForwardedFlag = 16;
    private const int HopCountShift = 8;
    private const int HopCountMask = 0xF;

    private int _flags;

    // Set only while the call-duration instrument is enabled; see CallClock for why 32 bits.
    private uint _arrivedAt;
    private CallExtras? _extras;

    private protected Request()
    {
    }

    /// <summary>The full name of the interface that declares the method.</summary>
    public abstract string InterfaceName { get; }

    /// <summary>The method's name.</summary>
    public abstract string MethodName { get; }

    /// <summary>Scheduling options from the method's attributes.</summary>
    public virtual InvokeMethodOptions Options => InvokeMethodOptions.None;

    /// <summary>The method's <c>[ResponseTimeout]</c>, or null for the silo default.</summary>
    public virtual TimeSpan? ResponseTimeout => null;

    /// <summary>The number of arguments (a trailing <see cref="System.Threading.CancellationToken"/> is not one).</summary>
    public virtual int ArgumentCount => 0;

    /// <summary>The caller's cancellation token, when the method takes one: cancelling it ends the wait and is seen by the callee.</summary>
    public CancellationToken CancellationToken
    {
        get => _extras?.Token ?? default;
        set
        {
            if (value.CanBeCanceled || _extras is not null)
            {
                (_extras ??= new CallExtras()).Token = value;
            }
        }
    }

    /// <summary>The caller's <see cref="RequestContext"/> when the call was sent; the callee's turn runs under it.</summary>
    internal RequestContextData? Context
    {
        get => _extras?.Context;
        set
        {
            if (value is not null || _extras is not null)
            {
                (_extras ??= new CallExtras()).Context = value;
            }
        }
    }

    internal bool IsOneWay => (Options & InvokeMethodOptions.OneWay) != 0;

    internal bool IsCallerCompleted => (Volatile.Read(ref _flags) & CallerCompletedFlag) != 0;

    /// <summary>
    /// The caller runs inside an activation, whose awaits post back to it: completing the caller's task inline
    /// cannot run caller code on the callee's turn, so no thread-pool hop is needed. Set before the call is sent.
    /// </summary>
    internal bool CompleteInline
    {
        get => (Volatile.Read(ref _flags) & CompleteInlineFlag) != 0;
        set
        {
            // Atomic: the activation that runs a call on its caller's thread clears it after the call was sent.
            if (value)
            {
                Interlocked.Or(ref _flags, CompleteInlineFlag);
            }
            else
            {
                Interlocked.And(ref _flags, ~CompleteInlineFlag);
            }
        }
    }

    /// <summary>
    /// The caller sent the call to this silo because the directory or placement named it: the silo activates the
    /// grain here (registration then settles who hosts it) rather than placing it again. Only meaningful in a cluster.
    /// </summary>
    internal bool IsDirected
    {
        get => (Volatile.Read(ref _flags) & DirectedFlag) != 0;
        set
        {
            // Atomic, as a timeout may set the completion flag on another thread at any time.
            if (value)
            {
                Interlocked.Or(ref _flags, DirectedFlag);
            }
            else
            {
                Interlocked.And(ref _flags, ~DirectedFlag);
            }
        }
    }

    /// <summary>
    /// A silo passed this call on to another because it did not host the grain: whoever sent it here holds a stale
    /// directory entry, and the response tells it so.
    /// </summary>
    internal bool WasForwarded => (Volatile.Read(ref _flags) & ForwardedFlag) != 0;

    internal void MarkForwarded() => Interlocked.Or(ref _flags, ForwardedFlag);

    /// <summary>
    /// How many times this call has crossed from one process to another so far; bounded so that a call forwarded from
    /// silo to silo (on stale directory information) never circles.
    /// </summary>
    internal int HopCount => (Volatile.Read(ref _flags) >> HopCountShift) & HopCountMask;

    /// <summary>Counts hops (on arrival: the hops before plus this one); saturates at 15.</summary>
    internal void AddHops(int count)
    {
        var added = Math.Min(count, HopCountMask - HopCount);
        if (added > 0)
        {
            Interlocked.Add(ref _flags, added << HopCountShift);
        }
    }

    /// <summary>The reference the call was made through; set when the call is sent.</summary>
    internal GrainReference? Target { get; set; }

    /// <summary>The span of the call on its activation while tracing; stored with the context, which tracing implies.</summary>
    internal Activity? Trace
    {
        get => _extras?.Trace;
        set
        {
            if (value is not null || _extras is not null)
            {
                (_extras ??= new CallExtras()).Trace = value;
            }
        }
    }

    internal uint ArrivedAt
    {
        get => _arrivedAt;
        set => _arrivedAt = value;
    }

    /// <summary>Whoever runs the call and must learn when it ended (the target activation).</summary>
    internal IInvocationSink? Sink { get; set; }

    internal CallTimeoutTracker.Entry TimeoutEntry;

    /// <summary>
    /// Identifies the method within its interface across processes and builds: the name and the parameter types,
    /// such as <c>RenameAsync(System.String,System.Threading.CancellationToken)</c>. Generated.
    /// </summary>
    public virtual string MethodKey => MethodName;

    /// <summary>The argument at <paramref name="index"/>, for diagnostics and serialization.</summary>
    public virtual object? GetArgument(int index) => throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Writes the arguments (not the cancellation token) as one JSON array; generated.</summary>
    public virtual void WriteArguments(Utf8JsonWriter writer, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray();
        writer.WriteEndArray();
    }

    /// <summary>Reads the array <see cref="WriteArguments"/> wrote into this request's fields; generated.</summary>
    /// <exception cref="JsonException">The JSON is not an array of this method's arguments.</exception>
    public virtual void ReadArguments(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray || !reader.Read() || reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException($"{this} takes no arguments; expected an empty JSON array.");
        }
    }

    /// <summary>The method as <c>Interface.Method</c>.</summary>
    public override string ToString() => $"{InterfaceName}.{MethodName}";

    /// <summary>Runs the call on <paramref name="target"/>, then answers the caller and notifies <see cref="Sink"/>.</summary>
    internal abstract void Invoke(object target);

    /// <summary>Answers the caller with <paramref name="exception"/> unless it has been answered already.</summary>
    internal abstract bool TryFail(Exception exception);

    /// <summary>Callee side of a call from another process: hands the outcome to <paramref name="responder"/> when the method ends.</summary>
    internal abstract void RespondWhenDone(IRemoteResponder responder);

    /// <summary>Caller side of a call to another process: answers the caller from the response message.</summary>
    internal abstract void CompleteFromWire(ReadOnlySequence<byte> result, JsonSerializerOptions json);

    /// <summary>
    /// Caller side of a streamed call to another process: hands one item from a <c>StreamItem</c> frame to the
    /// caller, waiting up to <paramref name="stallLimit"/> while the caller's buffer is full.
    /// </summary>
    /// <exception cref="WireFormatException">This call does not stream.</exception>
    /// <exception cref="JsonException">The item is not a JSON value of the item type.</exception>
    /// <exception cref="TimeoutException">The caller's buffer stayed full for <paramref name="stallLimit"/>.</exception>
    internal virtual ValueTask OnStreamItemFromWireAsync(ReadOnlySequence<byte> json, JsonSerializerOptions options, TimeSpan stallLimit, TimeProvider timeProvider) =>
        throw new WireFormatException($"An item of a stream arrived for {this}, which does not stream.");

    /// <summary>
    /// Callee side of a streamed call from another process: gives the call a buffer whose items are sent to the
    /// caller in <c>StreamItem</c> frames, and returns a responder that sends the response after the last item.
    /// </summary>
    internal virtual IRemoteResponder PumpItemsToWire(MessageConnection connection, long correlationId, IRemoteResponder responder) =>
        throw new InvalidOperationException($"{this} does not stream.");

    /// <summary>Fails the call when the caller's token is cancelled; false when the call was answered meanwhile.</summary>
    internal bool WatchCancellation(Action<object?> onCancelled)
    {
        if (_extras is { Token.CanBeCanceled: true } extras)
        {
            extras.Registration = extras.Token.UnsafeRegister(onCancelled, this);
        }

        return !IsCallerCompleted;
    }

    /// <summary>Claims the single right to answer the caller: a response, a timeout or a cancellation.</summary>
    private protected bool TryClaimCallerCompletion()
    {
        if ((Interlocked.Or(ref _flags, CallerCompletedFlag) & CallerCompletedFlag) != 0)
        {
            return false;
        }

        TimeoutEntry.Tracker?.Remove(this);
        _extras?.Registration.Dispose();
        return true;
    }

    /// <summary>What only some calls have, allocated only for those: a cancellable token and its registration, a request context.</summary>
    private sealed class CallExtras
    {
        public CancellationToken Token { get; set; }

        public CancellationTokenRegistration Registration { get; set; }

        public RequestContextData? Context { get; set; }

        public Activity? Trace { get; set; }
    }
}
