using System.Buffers;
using System.Text.Json;
using Cluster.Runtime.Messaging;
using Cluster.Runtime.Messaging.Wire;
using Cluster.Runtime.Tests.Grains;

namespace Cluster.Runtime.Tests.Messaging;

public sealed class MessageCodecTests
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    [Fact]
    public void WriteSuccess_Record_ReadsBackEqual()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var report = new TimerReport(3, 1, 0);

        MessageCodec.WriteSuccess(buffer, 42, report, Json);
        var reader = new WireReader(new ReadOnlySequence<byte>(buffer.WrittenMemory));
        var (correlationId, status, forwarded) = MessageCodec.ReadResponseHeader(ref reader);

        Assert.Equal(42, correlationId);
        Assert.Equal(ResponseStatus.Success, status);
        Assert.False(forwarded);
        Assert.Equal(report, MessageCodec.ReadResult<TimerReport>(reader.Remaining, Json));
    }

    [Fact]
    public void WriteException_ForwardedCall_ReadsBackTheStatusAndTheForwardedFlag()
    {
        var buffer = new ArrayBufferWriter<byte>();

        MessageCodec.WriteException(buffer, 9, new InvalidOperationException("moved"), forwarded: true);
        var reader = new WireReader(new ReadOnlySequence<byte>(buffer.WrittenMemory));
        var (correlationId, status, forwarded) = MessageCodec.ReadResponseHeader(ref reader);

        Assert.Equal(9, correlationId);
        Assert.Equal(ResponseStatus.Exception, status);
        Assert.True(forwarded);
        Assert.Equal("moved", MessageCodec.ReadException(ref reader).Message);
    }

    [Fact]
    public void WriteException_KnownType_RecreatesTypeAndMessageOnly()
    {
        var buffer = new ArrayBufferWriter<byte>();
        Exception thrown;
        try
        {
            throw new InvalidOperationException("no, because", new IOException("inner detail"));
        }
        catch (InvalidOperationException exception)
        {
            thrown = exception;
        }

        MessageCodec.WriteException(buffer, 7, thrown);
        var reader = new WireReader(new ReadOnlySequence<byte>(buffer.WrittenMemory));
        MessageCodec.ReadResponseHeader(ref reader);
        var received = MessageCodec.ReadException(ref reader);

        Assert.IsType<InvalidOperationException>(received);
        Assert.Equal("no, because", received.Message);
        Assert.Null(received.InnerException);
        Assert.Null(received.StackTrace);
    }

    [Fact]
    public void WriteException_TypeWithoutMessageConstructor_ArrivesAsGrainCallException()
    {
        var buffer = new ArrayBufferWriter<byte>();

        MessageCodec.WriteException(buffer, 7, new OpaqueException(5));
        var reader = new WireReader(new ReadOnlySequence<byte>(buffer.WrittenMemory));
        MessageCodec.ReadResponseHeader(ref reader);
        var received = Assert.IsType<GrainCallException>(MessageCodec.ReadException(ref reader));

        Assert.Equal(typeof(OpaqueException).FullName, received.OriginalTypeName);
        Assert.Equal("opaque failure 5", received.Message);
    }

    [Fact]
    public void ReadException_TypeFromAnAssemblyNotLoaded_ArrivesAsGrainCallException()
    {
        var buffer = new ArrayBufferWriter<byte>();
        WireWriter.WriteInt64(buffer, 1);
        WireWriter.WriteByte(buffer, (byte)ResponseStatus.Exception);
        WireWriter.WriteString(buffer, "Evil.PayloadException");
        WireWriter.WriteString(buffer, "Evil.Assembly");
        WireWriter.WriteString(buffer, "boom");

        var reader = new WireReader(new ReadOnlySequence<byte>(buffer.WrittenMemory));
        MessageCodec.ReadResponseHeader(ref reader);
        var received = Assert.IsType<GrainCallException>(MessageCodec.ReadException(ref reader));

        Assert.Equal("Evil.PayloadException", received.OriginalTypeName);
    }

    [Fact]
    public void ReadResponseHeader_TruncatedMessage_ThrowsWireFormatException()
    {
        var exception = Assert.Throws<WireFormatException>(() =>
        {
            var reader = new WireReader(new ReadOnlySequence<byte>(new byte[5]));
            MessageCodec.ReadResponseHeader(ref reader);
        });

        Assert.Contains("64-bit integer", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(17, 3, 5)]
    [InlineData(1, 65, 5)]
    [InlineData(1, 3, 1025)]
    [InlineData(2, 0, 5)]
    public void ReadRequestHeader_ContextOverTheLimitsOrWithAKeyTwice_ThrowsWireFormatException(int count, int keyLength, int valueLength)
    {
        var buffer = new ArrayBufferWriter<byte>();
        WireWriter.WriteInt64(buffer, 1);
        foreach (var field in (string[])["call", "key", "ICallGrain", "EchoAsync(System.String)"])
        {
            WireWriter.WriteString(buffer, field);
        }

        WireWriter.WriteInt32(buffer, 1000);
        WireWriter.WriteByte(buffer, 2);
        WireWriter.WriteByte(buffer, 0);
        WireWriter.WriteByte(buffer, (byte)count);
        for (var index = 0; index < count; index++)
        {
            // A key length of 0 stands for one key written every time.
            WireWriter.WriteString(buffer, keyLength == 0 ? "same" : new string('k', keyLength - 1) + index % 10);
            WireWriter.WriteString(buffer, new string('v', valueLength));
        }

        var exception = Assert.Throws<WireFormatException>(() =>
        {
            var reader = new WireReader(new ReadOnlySequence<byte>(buffer.WrittenMemory));
            MessageCodec.ReadRequestHeader(ref reader);
        });

        Assert.Contains("request context", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRequestHeader_StringLongerThanMessage_ThrowsWireFormatException()
    {
        var buffer = new ArrayBufferWriter<byte>();
        WireWriter.WriteInt64(buffer, 1);
        WireWriter.WriteInt32(buffer, 1_000_000);

        var exception = Assert.Throws<WireFormatException>(() =>
        {
            var reader = new WireReader(new ReadOnlySequence<byte>(buffer.WrittenMemory));
            MessageCodec.ReadRequestHeader(ref reader);
        });

        Assert.Contains("claims 1000000 bytes", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadResponseHeader_UnknownStatus_ThrowsWireFormatException()
    {
        var buffer = new ArrayBufferWriter<byte>();
        WireWriter.WriteInt64(buffer, 1);
        WireWriter.WriteByte(buffer, 99);

        Assert.Throws<WireFormatException>(() =>
        {
            var reader = new WireReader(new ReadOnlySequence<byte>(buffer.WrittenMemory));
            MessageCodec.ReadResponseHeader(ref reader);
        });
    }
}
