using System.Buffers;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Transport;

/// <summary>
/// One connection between two processes, carrying length-prefixed frames both ways:
/// <c>[int32 little-endian length of what follows][byte frame type][payload]</c>. Any number of calls share it
/// (the messages carry their own correlation ids). Sends queue into a bounded queue that one writer drains,
/// writing once per burst, so senders wait when the peer reads slower than they write; frames are read and
/// handed to the handler one after another, in order.
/// </summary>
/// <remarks>
/// Reading and writing each run on a thread of their own, with blocking socket calls, not on the thread pool: a
/// process busy with grain work has hundreds of turns queued there, and a connection whose every read and write
/// waited behind them would answer its peer in bursts, leaving both processes idle in turn (and its pings late enough
/// to be taken for a failure). The handler and the sender's wake-up run on these threads, never grain code.
/// </remarks>
internal sealed partial class FramedConnection : IAsyncDisposable
{
    private const int HeaderSize = sizeof(int) + sizeof(byte);

    private readonly Stream _stream;
    private readonly IFrameHandler _handler;
    private readonly ILogger _logger;
    private readonly int _maxFrameSize;
    private readonly Channel<OutgoingFrame> _outgoing;
    private readonly ManualResetEventSlim _outgoingReady = new(initialState: false);
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource _read = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _maxIncomingFrameSize;
    private Task? _running;
    private int _closed;
    private int _aborted;
    private TransportException? _unsent;

    /// <summary>A connection over <paramref name="stream"/>, which it owns and disposes when it ends.</summary>
    public FramedConnection(Stream stream, TransportOptions options, IFrameHandler handler, ILogger logger, string remoteName)
    {
        _stream = stream;
        _handler = handler;
        _logger = logger;
        _maxFrameSize = options.MaxFrameSize;
        _maxIncomingFrameSize = options.MaxFrameSize;
        RemoteName = remoteName;
        _outgoing = Channel.CreateBounded<OutgoingFrame>(new BoundedChannelOptions(options.SendQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The peer, for messages and logs: an endpoint or a process name.</summary>
    public string RemoteName { get; }

    /// <summary>Completes when both directions have ended and the connection is closed.</summary>
    public Task Completion => _running ?? Task.CompletedTask;

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>Starts reading and writing; returns at once.</summary>
    public void Start()
    {
        try
        {
            StartThread(() => RunLoop(ReadFrames, _read), "reader");
            StartThread(() => RunLoop(WriteFrames, _written), "writer");
        }
        catch (Exception exception)
        {
            // Out of threads (a process or cgroup limit): the connection fails like any other, through OnClosed.
            _read.TrySetException(exception);
            _written.TrySetException(exception);
            Abort();
        }

        _running = RunAsync();
    }

    /// <summary>
    /// Queues a frame, waiting while the send queue is full. The payload is copied, so the caller may reuse its buffer.
    /// </summary>
    /// <exception cref="TransportException">The frame is larger than the limit, or the connection is closed.</exception>
    public ValueTask SendAsync(FrameType type, ReadOnlySpan<byte> payload, CancellationToken cancellationToken = default)
    {
        var frame = Rent(type, payload);
        if (_outgoing.Writer.TryWrite(frame))
        {
            _outgoingReady.Set();
            return ValueTask.CompletedTask;
        }

        return WaitAndSendAsync(frame, cancellationToken);
    }

    /// <summary>
    /// Closes the connection: frames already queued are sent first (for up to 5 s), then both directions end and
    /// the peer sees a graceful close.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        _outgoing.Writer.TryComplete();
        _outgoingReady.Set();
        try
        {
            await _written.Task.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException exception)
        {
            // The peer stopped reading: what is still queued is dropped, and the close is no graceful one.
            _unsent = new TransportException($"Closing the connection to {RemoteName} dropped frames the peer did not read within 5 s.", exception);
        }
        catch (Exception exception) when (exception is OperationCanceledException or TransportException or IOException)
        {
            // Reported through OnClosed; closing goes on.
        }

        Abort();
        try
        {
            await Completion;
        }
        catch (Exception exception) when (exception is OperationCanceledException or TransportException or IOException)
        {
            // Reported through OnClosed.
        }
    }

    public override string ToString() => $"connection to {RemoteName}";

    /// <summary>
    /// Lowers the largest frame accepted from the peer below <see cref="TransportOptions.MaxFrameSize"/>, or restores it
    /// (a value at or above the option restores it): a peer that has not identified itself yet may only send small frames.
    /// </summary>
    public void LimitIncomingFrames(int maxFrameSize) => Volatile.Write(ref _maxIncomingFrameSize, Math.Min(maxFrameSize, _maxFrameSize));

    private void StartThread(ThreadStart loop, string role) =>
        new Thread(loop) { IsBackground = true, Name = $"Cluster {role} {RemoteName}" }.Start();

    private void RunLoop(Action loop, TaskCompletionSource completion)
    {
        try
        {
            loop();
            completion.TrySetResult();
        }
        catch (Exception) when (_closing.IsCancellationRequested)
        {
            // The stream was closed under this thread on purpose (a local close, or the other direction failed).
            completion.TrySetCanceled(_closing.Token);
        }
        catch (Exception exception)
        {
            completion.TrySetException(exception);
            Abort();
        }
    }

    /// <summary>
    /// Ends both directions at once: the writer stops waiting, and closing the stream is the only way to wake a
    /// thread blocked reading it.
    /// </summary>
    private void Abort()
    {
        if (Interlocked.Exchange(ref _aborted, 1) == 0)
        {
            // Completing the queue fails the senders waiting for room, which no writer will make any more.
            _outgoing.Writer.TryComplete();
            _outgoingReady.Set();
            _closing.Cancel();
            _stream.Dispose();
        }
    }

    private async Task RunAsync()
    {
        // A direction whose task was cancelled was stopped on purpose (a local close, or the other direction failed
        // first and reports the error); one that faulted names what went wrong.
        var error = await FailureOf(_read.Task);

        // Reading ended. After a graceful end from the peer, frames already queued still go out; after a failure
        // the writer has been stopped already.
        _outgoing.Writer.TryComplete();
        _outgoingReady.Set();
        error ??= await FailureOf(_written.Task);
        Abort();
        while (_outgoing.Reader.TryRead(out var abandoned))
        {
            ArrayPool<byte>.Shared.Return(abandoned.Buffer);
        }

        Close(error ?? _unsent);
    }

    private static async Task<Exception?> FailureOf(Task direction)
    {
        try
        {
            await direction;
            return null;
        }
        catch (Exception) when (direction.IsCanceled)
        {
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }

    private OutgoingFrame Rent(FrameType type, ReadOnlySpan<byte> payload)
    {
        if (payload.Length + 1 > _maxFrameSize)
        {
            throw new TransportException(
                $"A {type} frame of {payload.Length + 1} bytes to {RemoteName} exceeds {TransportOptions.SectionName}:{nameof(TransportOptions.MaxFrameSize)} ({_maxFrameSize} bytes); send less per call or raise the limit on every process.");
        }

        if (IsClosed)
        {
            throw new TransportException($"The connection to {RemoteName} is closed.");
        }

        var buffer = ArrayPool<byte>.Shared.Rent(payload.Length);
        payload.CopyTo(buffer);
        return new OutgoingFrame(type, buffer, payload.Length);
    }

    private async ValueTask WaitAndSendAsync(OutgoingFrame frame, CancellationToken cancellationToken)
    {
        try
        {
            await _outgoing.Writer.WriteAsync(frame, cancellationToken);
            _outgoingReady.Set();
        }
        catch (ChannelClosedException exception)
        {
            ArrayPool<byte>.Shared.Return(frame.Buffer);
            throw new TransportException($"The connection to {RemoteName} is closed.", exception);
        }
        catch (OperationCanceledException)
        {
            ArrayPool<byte>.Shared.Return(frame.Buffer);
            throw;
        }
    }

    private void Close(Exception? error)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        if (error is null)
        {
            LogClosed(_logger, RemoteName);
        }
        else
        {
            LogFailed(_logger, error, RemoteName);
        }

        _handler.OnClosed(this, error);
    }

    private readonly record struct OutgoingFrame(FrameType Type, byte[] Buffer, int Length);
}
