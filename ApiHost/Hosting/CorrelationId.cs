using System.Buffers;
using Cluster.Runtime.Core;

namespace Cluster.ApiHost.Hosting;

/// <summary>
/// Gives every request a correlation id: the caller's <c>X-Correlation-ID</c> when it is well-formed (1–64 letters,
/// digits, '.', '_' or '-'; anything else could forge log lines), else a new one. It is echoed in the response, set
/// as <see cref="HttpContext.TraceIdentifier"/> (so error ids and audit records carry it), and set in the
/// <see cref="RequestContext"/>, so it travels with every grain call the request makes and is in the log scope of
/// every line logged for it, here and in the silos.
/// </summary>
public sealed class CorrelationId(RequestDelegate next)
{
    /// <summary>The header carrying the id both ways.</summary>
    public const string HeaderName = "X-Correlation-ID";

    private const int MaxLength = 64;

    private static readonly ulong ProcessPrefix = BitConverter.ToUInt64(System.Security.Cryptography.RandomNumberGenerator.GetBytes(sizeof(ulong)));

    private static long _counter;

    private static readonly SearchValues<char> Allowed = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-");

    // Async, so the context set here is undone when the request ends: Kestrel serves the next request of a
    // keep-alive connection in the same flow of execution.
    public async Task InvokeAsync(HttpContext context)
    {
        var presented = context.Request.Headers[HeaderName].ToString();
        var id = IsWellFormed(presented) ? presented : NewId();
        context.TraceIdentifier = id;
        context.Response.Headers[HeaderName] = id;
        RequestContext.Set(RequestContext.CorrelationIdKey, id);
        await next(context);
    }

    // 32 hex digits, unique across processes by a random prefix chosen at start and within one by a counter: a GUID
    // per request would cost a call for random bytes into the kernel on every request.
    private static string NewId() => string.Create(32, Interlocked.Increment(ref _counter), static (span, count) =>
    {
        ProcessPrefix.TryFormat(span, out _, "x16", System.Globalization.CultureInfo.InvariantCulture);
        count.TryFormat(span[16..], out _, "x16", System.Globalization.CultureInfo.InvariantCulture);
    });

    /// <summary>Whether <paramref name="value"/> may be used as a correlation id.</summary>
    public static bool IsWellFormed(string value) => value.Length is > 0 and <= MaxLength && !value.AsSpan().ContainsAnyExcept(Allowed);
}
