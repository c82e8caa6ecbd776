using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using Cluster.Runtime.CodeGeneration;
using Cluster.Runtime.Core;

namespace Cluster.Runtime.Messaging.Wire;

/// <summary>
/// The messages that cross processes inside frames. Headers are binary (little-endian integers, length-prefixed
/// UTF-8 strings); arguments and results are JSON written with the declared types, so a reader of the wire, or of a
/// capture, can follow a call.
/// <list type="bullet">
/// <item>Request: correlation id (int64), grain type, grain key, interface name, method key, timeout in ms (int32), flags (byte: 1 = directed, 2 = has a request context), hop count (byte), the request context when flagged (count byte, then key and value strings), JSON argument array.</item>
/// <item>Response: correlation id, status (byte; bit 0x80 set when a silo forwarded the call, so the caller's directory entry for the grain is stale), then the JSON result, or the exception's type name, assembly name and message.</item>
/// <item>Cancel: correlation id.</item>
/// <item>StreamItem: correlation id, then one item of a streamed call as JSON written with the item type.</item>
/// </list>
/// </summary>
internal static class MessageCodec
{
    private static readonly ConcurrentDictionary<(string Assembly, string Type), Type> ExceptionTypes = new();

    private const byte DirectedFlag = 1;
    private const byte ContextFlag = 2;
    private const byte ForwardedStatusFlag = 0x80;

    /// <summary>Writes a request; its request context only when <paramref name="withContext"/> (peers of protocol 2 on read it).</summary>
    public static void WriteRequest(
        IBufferWriter<byte> buffer, long correlationId, GrainId target, Request request, TimeSpan timeout, bool directed, bool withContext, JsonSerializerOptions json)
    {
        WireWriter.WriteInt64(buffer, correlationId);
        WireWriter.WriteString(buffer, target.Type);
        WireWriter.WriteString(buffer, target.Key);
        WireWriter.WriteString(buffer, request.InterfaceName);
        WireWriter.WriteString(buffer, request.MethodKey);
        WireWriter.WriteInt32(buffer, (int)Math.Clamp(timeout.TotalMilliseconds, 1, int.MaxValue));
        var context = withContext ? request.Context : null;
        WireWriter.WriteByte(buffer, (byte)((directed ? DirectedFlag : 0) | (context is null ? 0 : ContextFlag)));
        WireWriter.WriteByte(buffer, (byte)request.HopCount);
        if (context is not null)
        {
            WriteContext(buffer, context);
        }

        using var writer = new Utf8JsonWriter(buffer);
        request.WriteArguments(writer, json);
    }

    public static RequestHeader ReadRequestHeader(ref WireReader reader)
    {
        var correlationId = reader.ReadInt64();
        var grainType = reader.ReadString();
        var grainKey = reader.ReadString();
        if (grainType.Length == 0 || grainType.Contains('/'))
        {
            throw new WireFormatException($"A request names grain type '{grainType}', which is not a valid grain type name.");
        }

        var interfaceName = reader.ReadString();
        var methodKey = reader.ReadString();
        var timeoutMilliseconds = reader.ReadInt32();
        var flags = reader.ReadByte();
        var hopCount = reader.ReadByte();
        var context = (flags & ContextFlag) != 0 ? ReadContext(ref reader) : null;
        return new RequestHeader(
            correlationId, new GrainId(grainType, grainKey), interfaceName, methodKey, timeoutMilliseconds, (flags & DirectedFlag) != 0, hopCount, context);
    }

    private static void WriteContext(IBufferWriter<byte> buffer, RequestContextData context)
    {
        var entries = context.Entries;
        WireWriter.WriteByte(buffer, (byte)entries.Length);
        foreach (var (key, value) in entries)
        {
            WireWriter.WriteString(buffer, key);
            WireWriter.WriteString(buffer, value);
        }
    }

    // The sender's limits are checked again: a peer must not make this process hold more than RequestContext allows.
    private static RequestContextData? ReadContext(ref WireReader reader)
    {
        var count = reader.ReadByte();
        if (count > RequestContext.MaxEntries)
        {
            throw new WireFormatException($"A request carries {count} request context values; at most {RequestContext.MaxEntries} are allowed.");
        }

        var entries = new KeyValuePair<string, string>[count];
        for (var index = 0; index < count; index++)
        {
            var key = reader.ReadString();
            var value = reader.ReadString();
            if (key.Length is 0 or > RequestContext.MaxKeyLength || value.Length > RequestContext.MaxValueLength)
            {
                throw new WireFormatException($"A request carries a request context value over the limits of {nameof(RequestContext)}.");
            }

            if (Array.FindIndex(entries, 0, index, entry => entry.Key == key) >= 0)
            {
                throw new WireFormatException($"A request carries the request context key '{key}' twice.");
            }

            entries[index] = new KeyValuePair<string, string>(key, value);
        }

        return RequestContextData.FromEntries(entries);
    }

    /// <summary>Reads the JSON argument array that follows a request header into <paramref name="request"/>.</summary>
    /// <exception cref="JsonException">The arguments do not match the method.</exception>
    public static void ReadArguments(ReadOnlySequence<byte> arguments, Request request, JsonSerializerOptions json)
    {
        var reader = new Utf8JsonReader(arguments);
        if (!reader.Read())
        {
            throw new JsonException($"The request for {request} carries no arguments; expected a JSON array.");
        }

        request.ReadArguments(ref reader, json);
    }

    public static void WriteSuccess<TResult>(IBufferWriter<byte> buffer, long correlationId, TResult result, JsonSerializerOptions json, bool forwarded = false)
    {
        WireWriter.WriteInt64(buffer, correlationId);
        WireWriter.WriteByte(buffer, Status(ResponseStatus.Success, forwarded));
        using var writer = new Utf8JsonWriter(buffer);
        JsonSerializer.Serialize(writer, result, json);
    }

    /// <summary>Writes an exception as its type and message only: no stack trace, inner exception or data.</summary>
    public static void WriteException(IBufferWriter<byte> buffer, long correlationId, Exception exception, bool forwarded = false)
    {
        WireWriter.WriteInt64(buffer, correlationId);
        WireWriter.WriteByte(buffer, Status(ResponseStatus.Exception, forwarded));
        var type = exception.GetType();
        var (typeName, assemblyName) = exception is GrainCallException opaque
            ? (opaque.OriginalTypeName, string.Empty)
            : (type.FullName ?? type.Name, type.Assembly.GetName().Name ?? string.Empty);
        WireWriter.WriteString(buffer, typeName);
        WireWriter.WriteString(buffer, assemblyName);
        WireWriter.WriteString(buffer, exception.Message);
    }

    public static (long CorrelationId, ResponseStatus Status, bool Forwarded) ReadResponseHeader(ref WireReader reader)
    {
        var correlationId = reader.ReadInt64();
        var flags = reader.ReadByte();
        var status = (ResponseStatus)(flags & ~ForwardedStatusFlag);
        return Enum.IsDefined(status)
            ? (correlationId, status, (flags & ForwardedStatusFlag) != 0)
            : throw new WireFormatException($"A response has status {flags}, which this version does not know.");
    }

    private static byte Status(ResponseStatus status, bool forwarded) => (byte)((byte)status | (forwarded ? ForwardedStatusFlag : 0));

    public static TResult ReadResult<TResult>(ReadOnlySequence<byte> json, JsonSerializerOptions options)
    {
        var reader = new Utf8JsonReader(json);
        return JsonSerializer.Deserialize<TResult>(ref reader, options)!;
    }

    /// <summary>Recreates the callee's exception for the caller: the same type when this process has it, else <see cref="GrainCallException"/>.</summary>
    public static Exception ReadException(ref WireReader reader)
    {
        var typeName = reader.ReadString();
        var assemblyName = reader.ReadString();
        var message = reader.ReadString();
        // Only found types are cached: names come from the wire, and caching misses would let a peer grow the cache at will.
        Type? type = null;
        if (assemblyName.Length > 0 && !ExceptionTypes.TryGetValue((assemblyName, typeName), out type))
        {
            type = FindLoadedType((assemblyName, typeName));
            if (type is not null)
            {
                ExceptionTypes[(assemblyName, typeName)] = type;
            }
        }

        return ExceptionCodec.Recreate(typeName, type, message);
    }

    // Only assemblies already loaded: a name from the wire must never make this process load code.
    private static Type? FindLoadedType((string Assembly, string Type) key) =>
        AppDomain.CurrentDomain.GetAssemblies()
            .FirstOrDefault(assembly => string.Equals(assembly.GetName().Name, key.Assembly, StringComparison.Ordinal))
            ?.GetType(key.Type, throwOnError: false);

    public static void WriteCancel(IBufferWriter<byte> buffer, long correlationId) => WireWriter.WriteInt64(buffer, correlationId);

    public static void WriteStreamItem<TItem>(IBufferWriter<byte> buffer, long correlationId, TItem item, JsonSerializerOptions json)
    {
        WireWriter.WriteInt64(buffer, correlationId);
        using var writer = new Utf8JsonWriter(buffer);
        JsonSerializer.Serialize(writer, item, json);
    }

    public static (long CorrelationId, ReadOnlySequence<byte> Item) ReadStreamItem(ReadOnlySequence<byte> payload)
    {
        var reader = new WireReader(payload);
        var correlationId = reader.ReadInt64();
        return (correlationId, reader.Remaining);
    }
}
