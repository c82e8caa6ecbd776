using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Cluster.Runtime.Activation;
using Cluster.Runtime.CodeGeneration;
using Cluster.Runtime.Core;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Messaging.Remote;

/// <summary>
/// The silo's listener: accepts connections from clients and from other silos and serves their calls. It starts
/// first, so the silo's address (host, port, generation) is known to every later stage, and stops last: once the
/// silo has deactivated its grains, each connection is drained (goodbye, calls in flight answered) and closed.
/// </summary>
internal sealed partial class SiloGateway(
    GrainRuntime runtime,
    IOptions<GatewayOptions> gatewayOptions,
    IOptions<TransportOptions> transportOptions,
    TimeProvider timeProvider,
    ILogger<SiloGateway> logger) : ISiloLifecycleParticipant, IMessageRouter, IAsyncDisposable
{
    /// <summary>Accepted connections that may wait for their peer's hello at once; more are closed at once.</summary>
    private const int MaxHandshaking = 256;

    private TcpFrameListener? _listener;
    private int _handshaking;

    public int Stage => SiloLifecycleStage.Transport;

    /// <summary>The bound endpoint, once started (the actual port when 0 was configured).</summary>
    public IPEndPoint? Endpoint => _listener?.LocalEndPoint;

    /// <summary>This silo start's address in the cluster, once started.</summary>
    public SiloAddress? SiloAddress { get; private set; }

    /// <summary>What this silo's connections share, once started.</summary>
    public MessagingContext? Context { get; private set; }

    /// <summary>The hello this silo sends on every connection, once started.</summary>
    public HelloMessage? Hello { get; private set; }

    /// <summary>Told of each connection another silo opened to this one, once its hello has arrived.</summary>
    public Action<SiloAddress, MessageConnection>? SiloConnected { get; set; }

    /// <summary>The connections this silo opened to other silos, in a cluster; drained with the accepted ones.</summary>
    public SiloConnections? Links { get; set; }

    public Task OnStartAsync(CancellationToken cancellationToken)
    {
        var options = gatewayOptions.Value;
        Context = new MessagingContext(this, runtime.WireJson, transportOptions.Value, runtime.TimeProvider, logger, () => runtime.Catalog.Count);
        _listener = new TcpFrameListener(new IPEndPoint(IPAddress.Parse(options.ListenAddress), options.Port), AcceptAsync, logger);
        _listener.Start();
        SiloAddress = SiloAddress.Create(AdvertisedHost(options, _listener.LocalEndPoint), _listener.LocalEndPoint.Port, timeProvider);
        Hello = new HelloMessage(
            HelloMessage.CurrentProtocolVersion,
            runtime.ProcessId,
            HelloMessage.SiloRole,
            runtime.Registry.GrainTypeMap(),
            SiloAddress.ToString(),
            [.. runtime.Registry.Classes.Select(info => info.TypeName).Order(StringComparer.Ordinal)]);
        LogListening(logger, _listener.LocalEndPoint, SiloAddress, Context.Security is null ? "plain TCP" : "mutual TLS");
        return Task.CompletedTask;
    }

    public async Task OnStopAsync(CancellationToken cancellationToken)
    {
        if (_listener is not null)
        {
            await _listener.DisposeAsync();
        }

        // Every peer hears goodbye first, so none sends new calls. Clients' connections drain next, while the
        // connections to other silos stay up for the calls this silo still passes on; those drain last.
        var timeout = transportOptions.Value.DrainTimeout;
        var accepted = runtime.Clients.Snapshot();
        foreach (var connection in accepted)
        {
            connection.SayGoodbye();
        }

        Links?.SayGoodbye();
        var fromSilos = accepted.Where(IsFromSilo).ToList();
        await Task.WhenAll(accepted.Except(fromSilos).Select(connection => connection.DrainAsync(timeout)));
        await Task.WhenAll(fromSilos.Select(connection => connection.DrainAsync(timeout)).Append(Links?.DrainAsync(timeout) ?? Task.CompletedTask));
    }

    public async ValueTask DisposeAsync()
    {
        if (_listener is not null)
        {
            await _listener.DisposeAsync();
        }

        foreach (var client in runtime.Clients.Snapshot())
        {
            await client.DisposeAsync();
        }
    }

    public Request? CreateRequest(string interfaceName, string methodKey) => runtime.Registry.CreateRequest(interfaceName, methodKey);

    public void Route(GrainId target, Request request) => runtime.Dispatcher.Route(target, request);

    public void OnForwarded(GrainId grain) => runtime.Cluster?.Cache.Invalidate(grain);

    private static bool IsFromSilo(MessageConnection connection) =>
        connection.RemoteHello.IsCompletedSuccessfully && connection.RemoteHello.Result.Role == HelloMessage.SiloRole;

    private static string AdvertisedHost(GatewayOptions options, IPEndPoint bound) =>
        options.AdvertisedHost is { Length: > 0 } configured ? configured
        : bound.Address.Equals(IPAddress.Any) || bound.Address.Equals(IPAddress.IPv6Any) ? FirstExternalAddress()
        : bound.Address.ToString();

    /// <summary>
    /// For a silo listening on all addresses: its first up, non-loopback IPv4 address, which peers on the same
    /// network (a container network, say) reach without name resolution; the host name when it has none.
    /// </summary>
    private static string FirstExternalAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(nic => nic.OperationalStatus == OperationalStatus.Up && nic.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
            .Select(unicast => unicast.Address)
            .FirstOrDefault(address => address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(address))
            ?.ToString() ?? Dns.GetHostName();

    private async Task AcceptAsync(Stream stream, string remoteName)
    {
        // Each connection reads and writes on threads of its own from the start: peers that connect and never say
        // hello (a scan, a flood) may hold only so many of them at once.
        if (Interlocked.Increment(ref _handshaking) > MaxHandshaking)
        {
            Interlocked.Decrement(ref _handshaking);
            await stream.DisposeAsync();
            LogTooManyHandshakes(logger, remoteName, MaxHandshaking);
            return;
        }

        string? clientId = null;
        MessageConnection connection;
        HelloMessage remote;
        try
        {
            stream = await Context!.AcceptAsync(stream, remoteName, CancellationToken.None);
            connection = await MessageConnection.StartAsync(stream, remoteName, Hello!, Context, (closed, error) =>
            {
                if (clientId is not null)
                {
                    runtime.Clients.Remove(clientId, closed);
                    LogClientDisconnected(logger, closed.RemoteName);
                }
            });
            try
            {
                remote = await connection.RemoteHello.WaitAsync(transportOptions.Value.ConnectTimeout);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _handshaking);
        }

        if (remote.TargetSilo is { } target && target != SiloAddress!.ToString())
        {
            // A link to an earlier start of this endpoint: registered, it would take this silo's calls to that peer
            // and then close when the peer reads this hello, failing them as lost.
            LogRefusedOtherStart(logger, remoteName, target, SiloAddress);
            await connection.DisposeAsync();
            return;
        }

        clientId = remote.ProcessId;
        runtime.Clients.Add(clientId, connection);
        if (connection.IsClosed)
        {
            // Closed before it was registered: the close callback could not remove it.
            runtime.Clients.Remove(clientId, connection);
        }

        if (remote.Role == HelloMessage.SiloRole && Membership.SiloAddress.TryParse(remote.SiloAddress, out var peer))
        {
            SiloConnected?.Invoke(peer, connection);
        }

        LogClientConnected(logger, connection.RemoteName, remote.Role);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway listening on {Endpoint} as silo {SiloAddress}, {Security}")]
    private static partial void LogListening(ILogger logger, IPEndPoint endpoint, SiloAddress siloAddress, string security);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {Remote} connected ({Role})")]
    private static partial void LogClientConnected(ILogger logger, string remote, string role);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused the connection from {Remote}: {Limit} connections are already waiting for their hello")]
    private static partial void LogTooManyHandshakes(ILogger logger, string remote, int limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused the link from {Remote}: it was opened to silo {Target}, and this is {SiloAddress}")]
    private static partial void LogRefusedOtherStart(ILogger logger, string remote, string target, SiloAddress siloAddress);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {Remote} disconnected")]
    private static partial void LogClientDisconnected(ILogger logger, string remote);
}
