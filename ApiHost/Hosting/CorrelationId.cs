using System.Buffers;

namespace Cluster.ApiHost.Hosting;

/// <summary>
/// Gives every request a correlation id: the caller's <c>X-Correlation-ID</c> when it is well-formed (1–64 letters,
/// digits, '.', '_' or '-'; anything else could forge log lines), else a new one. It is echoed in the response, set
/// as <see cref="HttpContext.TraceIdentifier"/> (so error ids and audit records carry it) and put in the logging scope.
/// </summary>
public sealed class CorrelationId(RequestDelegate next, ILogger<CorrelationId> logger)
{
    /// <summary>The header carrying the id both ways.</summary>
    public const string HeaderName = "X-Correlation-ID";

    private const int MaxLength = 64;

    private static readonly SearchValues<char> Allowed = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-");

    private static readonly Func<ILogger, string, IDisposable?> Scope = LoggerMessage.DefineScope<string>("Correlation {CorrelationId}");

    public async Task InvokeAsync(HttpContext context)
    {
        var presented = context.Request.Headers[HeaderName].ToString();
        var id = IsWellFormed(presented) ? presented : Guid.CreateVersion7().ToString("N");
        context.TraceIdentifier = id;
        context.Response.Headers[HeaderName] = id;
        using (Scope(logger, id))
        {
            await next(context);
        }
    }

    /// <summary>Whether <paramref name="value"/> may be used as a correlation id.</summary>
    public static bool IsWellFormed(string value) => value.Length is > 0 and <= MaxLength && !value.AsSpan().ContainsAnyExcept(Allowed);
}
