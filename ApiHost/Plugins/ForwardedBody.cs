using System.Net;

namespace Cluster.ApiHost.Plugins;

/// <summary>
/// A client's request body on its way to a service: copied through a small buffer as it arrives, never held whole, and
/// saying when it has all been sent (the proxy's wait for the response starts then).
/// </summary>
public sealed class ForwardedBody(Stream source, long? contentLength, int bufferBytes) : HttpContent
{
    /// <summary>Called once the whole body has been written to the service.</summary>
    public Action? Sent { get; set; }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var buffer = new byte[bufferBytes];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        Sent?.Invoke();
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = contentLength ?? 0;
        return contentLength is not null;
    }
}
