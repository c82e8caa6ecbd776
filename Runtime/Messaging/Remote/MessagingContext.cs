using System.Text.Json;
using Cluster.Runtime.Transport;
using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Messaging.Remote;

/// <summary>
/// What every connection of a process shares: where incoming calls go, the wire JSON options, limits, TLS and clock,
/// and for a silo the activation count it reports in answer to probes.
/// </summary>
internal sealed record MessagingContext(
    IMessageRouter Router, JsonSerializerOptions Json, TransportOptions TransportOptions, TimeProvider TimeProvider, ILogger Logger, Func<int>? LocalLoad = null)
{
    /// <summary>TLS for every new connection, or null for plain TCP.</summary>
    public TransportSecurity? Security { get; } = TransportSecurity.Create(TransportOptions.Tls);

    /// <summary>
    /// Opens a connection to a gateway and, with TLS on, completes the handshake within the connect timeout: the
    /// stream that comes back is ready for frames.
    /// </summary>
    public async Task<Stream> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        var stream = await SocketStreams.ConnectAsync(host, port, TransportOptions.ConnectTimeout, cancellationToken);
        return Security is null ? stream : await Security.AuthenticateAsClientAsync(stream, host, TransportOptions.ConnectTimeout, cancellationToken);
    }

    /// <summary>Secures a connection another process opened to this one, when TLS is on.</summary>
    public async Task<Stream> AcceptAsync(Stream stream, string remoteName, CancellationToken cancellationToken) =>
        Security is null ? stream : await Security.AuthenticateAsServerAsync(stream, remoteName, TransportOptions.ConnectTimeout, cancellationToken);
}
