using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Transport;

/// <summary>
/// One connection between two processes, carrying length-prefixed frames both ways:
/// <c>[int32 little-endian length of what follows][byte frame type][payload]</c>. Any number of calls share it
/// (the messages carry their own correlation ids). Sends queue into a bounded queue that one writer drains,
/// flushing once per burst, so senders wait when the peer reads slower than they write; frames are read and
/// handed to the handler one after another, in order.
/// </summary>
internal sealed partial class FramedConnection : IAsyncDisposable
{
    private const int HeaderSize = sizeof(int) + sizeof(byte);

    private readonly IDuplexPipe _pipe;
    private readonly IFrameHandler _handler;
    private readonly ILogger _logger;
    private readonly int _maxFrameSize;
    private int _maxIncomingFrameSize;
    private readonly Channel<OutgoingFrame> _outgoing;
    private readonly CancellationTokenSource _closing = new();
    private Task? _running;
    private Task _writing = Task.CompletedTask;
    private int _closed;

    public FramedConnection(IDuplexPipe pipe, TransportOptions options, IFrameHandler handler, ILogger logger, string remoteName)
    {
        _pipe = pipe;
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

    /// <summary>Completes when both loops have ended.</summary>
    public Task Completion => _running ?? Task.CompletedTask;

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>Starts reading and writing; returns at once.</summary>
    public void Start() => _running = RunAsync();

    /// <summary>
    /// Queues a frame, waiting while the send queue is full. The payload is copied, so the caller may reuse its buffer.
    /// </summary>
    /// <exception cref="TransportException">The frame is larger than the limit, or the connection is closed.</exception>
    public ValueTask SendAsync(FrameType type, ReadOnlySpan<byte> payload, CancellationToken cancellationToken = default)
    {
        var frame = Rent(type, payload);
        if (_outgoing.Writer.TryWrite(frame))
        {
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
        try
        {
            await _writing.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException or TransportException or IOException)
        {
            // Reported through OnClosed; closing goes on.
        }

        await _closing.CancelAsync();
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

    private async Task RunAsync()
    {
        var reading = ReadLoopAsync();
        var writing = _writing = WriteLoopAsync();
        Exception? error = null;
        try
        {
            await reading;
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            // Closed locally (DisposeAsync): a graceful end.
        }
        catch (Exception exception)
        {
            error = exception;
        }

        // Reading ended. After a graceful end from the peer, frames already queued still go out; after a failure
        // there is nobody to flush to.
        _outgoing.Writer.TryComplete();
        if (error is not null)
        {
            await _closing.CancelAsync();
        }

        try
        {
            await writing;
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            // Cancelled by a local close or because reading failed; the read error, if any, is the one reported.
        }
        catch (Exception exception)
        {
            error ??= exception;
        }

        await _pipe.Input.CompleteAsync();
        Close(error);
    }

    private async Task WriteLoopAsync()
    {
        var writer = _pipe.Output;
        var reader = _outgoing.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_closing.Token))
            {
                while (reader.TryRead(out var frame))
                {
                    Write(writer, frame);
                }

                var flushed = await writer.FlushAsync(_closing.Token);
                if (flushed.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The peer cannot be written to: stop reading too, or the read loop would wait forever.
            await _closing.CancelAsync();
            throw;
        }
        finally
        {
            while (reader.TryRead(out var abandoned))
            {
                ArrayPool<byte>.Shared.Return(abandoned.Buffer);
            }

            await writer.CompleteAsync();
        }
    }

    private static void Write(PipeWriter writer, OutgoingFrame frame)
    {
        try
        {
            var span = writer.GetSpan(HeaderSize + frame.Length);
            BinaryPrimitives.WriteInt32LittleEndian(span, frame.Length + 1);
            span[sizeof(int)] = (byte)frame.Type;
            frame.Buffer.AsSpan(0, frame.Length).CopyTo(span[HeaderSize..]);
            writer.Advance(HeaderSize + frame.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame.Buffer);
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
