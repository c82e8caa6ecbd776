using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Cluster.Runtime.Benchmarks;

/// <summary>
/// The stricter baseline for the remote ping: every caller shares one TCP connection, as grain calls share one, each
/// message carrying a correlation id; the client writes whatever is queued in one write and the server echoes whatever
/// it read in one write. It is what a multiplexed connection costs with no runtime at all.
/// </summary>
internal sealed class PipelinedEcho : IAsyncDisposable
{
    private readonly NetworkStream _stream;
    private readonly Channel<int> _outgoing = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _pending = new();
    private readonly int _messageSize;
    private readonly Task _writing;
    private readonly Task _reading;
    private int _nextId;

    private PipelinedEcho(NetworkStream stream, int messageSize)
    {
        _stream = stream;
        _messageSize = messageSize;
        _writing = Task.Run(WriteLoopAsync);
        _reading = Task.Run(ReadLoopAsync);
    }

    /// <summary>Echoes what each connection sends, as it arrives: whole messages of <paramref name="messageSize"/> bytes.</summary>
    public static Task ServeAsync(int port, int messageSize) => LoopbackServer.ServeAsync(port, async stream =>
    {
        var buffer = new byte[64 * 1024];
        var filled = 0;
        while (true)
        {
            filled += await stream.ReadAsync(buffer.AsMemory(filled));
            var whole = filled - (filled % messageSize);
            await stream.WriteAsync(buffer.AsMemory(0, whole));
            buffer.AsSpan(whole, filled - whole).CopyTo(buffer);
            filled -= whole;
        }
    });

    public static async Task<PipelinedEcho> ConnectAsync(int port, int messageSize)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(IPAddress.Loopback, port);
        return new PipelinedEcho(new NetworkStream(socket, ownsSocket: true), messageSize);
    }

    /// <summary>Sends one message and completes when its echo is back.</summary>
    public Task CallAsync()
    {
        var id = Interlocked.Increment(ref _nextId);
        var echoed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = echoed;
        _outgoing.Writer.TryWrite(id);
        return echoed.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _outgoing.Writer.TryComplete();
        await _stream.DisposeAsync();
        await Task.WhenAll(_writing, _reading).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task WriteLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        while (await _outgoing.Reader.WaitToReadAsync())
        {
            var length = 0;
            while (length + _messageSize <= buffer.Length && _outgoing.Reader.TryRead(out var id))
            {
                BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(length), id);
                length += _messageSize;
            }

            await _stream.WriteAsync(buffer.AsMemory(0, length));
        }
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var filled = 0;
        while (true)
        {
            var read = await _stream.ReadAsync(buffer.AsMemory(filled));
            if (read == 0)
            {
                return;
            }

            filled += read;
            var offset = 0;
            for (; offset + _messageSize <= filled; offset += _messageSize)
            {
                if (_pending.TryRemove(BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(offset)), out var echoed))
                {
                    echoed.SetResult();
                }
            }

            buffer.AsSpan(offset, filled - offset).CopyTo(buffer);
            filled -= offset;
        }
    }
}
