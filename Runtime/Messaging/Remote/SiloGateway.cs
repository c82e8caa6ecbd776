using System.Net;
using Cluster.Runtime.Activation;
using Cluster.Runtime.CodeGeneration;
using Cluster.Runtime.Core;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Transport;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Messaging.Remote;

/// <summary>
/// Accepts client connections and serves their calls from this silo's catalog. On shutdown it stops accepting
/// first; connections stay open while the silo deactivates its grains (their calls may still be answered) and are
/// closed when the host is disposed.
/// </summary>
internal sealed partial class SiloGateway(
    GrainRuntime runtime,
    IOptions<GatewayOptions> gatewayOptions,
    IOptions<TransportOptions> transportOptions,
    ILogger<SiloGateway> logger) : IHostedService, IMessageRouter, IAsyncDisposable
{
    private TcpFrameListener? _listener;
    private MessagingContext? _context;

    /// <summary>The bound endpoint, once started (the actual port when 0 was configured).</summary>
    public IPEndPoint? Endpoint => _listener?.LocalEndPoint;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = gatewayOptions.Value;
        _context = new MessagingContext(this, runtime.WireJson, transportOptions.Value, runtime.TimeProvider, logger);
        _listener = new TcpFrameListener(new IPEndPoint(IPAddress.Parse(options.ListenAddress), options.Port), AcceptAsync, logger);
        _listener.Start();
        LogListening(logger, _listener.LocalEndPoint);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_listener is not null)
        {
            await _listener.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        foreach (var client in runtime.Clients.Snapshot())
        {
            await client.DisposeAsync();
        }
    }

    public Request? CreateRequest(string interfaceName, string methodKey) => runtime.Registry.CreateRequest(interfaceName, methodKey);

    public void Route(GrainId target, Request request) => runtime.Dispatcher.Route(target, request);

    private async Task AcceptAsync(SocketPipe pipe)
    {
        var hello = new HelloMessage(HelloMessage.CurrentProtocolVersion, runtime.ProcessId, HelloMessage.SiloRole, runtime.Registry.GrainTypeMap());
        string? clientId = null;
        var connection = await MessageConnection.StartAsync(pipe, pipe.RemoteName, hello, _context!, (closed, error) =>
        {
            if (clientId is not null)
            {
                runtime.Clients.Remove(clientId, closed);
                LogClientDisconnected(logger, closed.RemoteName);
            }

            _ = pipe.DisposeAsync().AsTask();
        });

        var remote = await connection.RemoteHello.WaitAsync(transportOptions.Value.ConnectTimeout);
        clientId = remote.ProcessId;
        runtime.Clients.Add(clientId, connection);
        if (connection.IsClosed)
        {
            // Closed before it was registered: the close callback could not remove it.
            runtime.Clients.Remove(clientId, connection);
        }

        LogClientConnected(logger, connection.RemoteName, remote.Role);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway listening on {Endpoint}")]
    private static partial void LogListening(ILogger logger, IPEndPoint endpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {Remote} connected ({Role})")]
    private static partial void LogClientConnected(ILogger logger, string remote, string role);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {Remote} disconnected")]
    private static partial void LogClientDisconnected(ILogger logger, string remote);
}
