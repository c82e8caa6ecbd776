using System.Net;

namespace Cluster.Grains.Plugins;

/// <summary>A feature service's answer to one request, read within the size limit, or why there was none.</summary>
/// <param name="Status">The status answered; null when the request failed or timed out.</param>
/// <param name="Body">The body as text; null when there was no answer or it was larger than allowed.</param>
/// <param name="Failure">Why there is no usable answer (connection error, timeout, too large); null when there is one.</param>
/// <param name="TimedOut">Whether the failure was the request timeout.</param>
public sealed record ServiceReply(HttpStatusCode? Status, string? Body, string? Failure, bool TimedOut = false)
{
    /// <summary>Whether the service answered 2xx with a body within the limit.</summary>
    public bool IsSuccess => Failure is null && Status is >= HttpStatusCode.OK and < HttpStatusCode.Ambiguous;
}
