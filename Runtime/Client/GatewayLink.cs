using Cluster.Runtime.Membership;
using Cluster.Runtime.Messaging.Remote;
using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Client;

/// <summary>
/// The client's connection to one gateway, kept open: when it drops, it is opened again after a delay that
/// doubles up to 10 s, until the client stops.
/// </summary>
internal sealed partial class GatewayLink(
    GatewayEndpoint endpoint,
    HelloMessage hello,
    MessagingContext context,
    TimeSpan reconnectDelay,
    Action<HelloMessage> onConnected,
    ILogger logger) : IAsyncDisposable
{
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile MessageConnection? _connection;
    private Task _running = Task.CompletedTask;

    public GatewayEndpoint Endpoint => endpoint;

    /// <summary>The open connection on which new calls may go, or null while (re)connecting or while the peer is leaving.</summary>
    public MessageConnection? Connection => OpenConnection is { IsPeerLeaving: false } open ? open : null;

    /// <summary>The open connection, also while the peer is leaving; null while (re)connecting.</summary>
    public MessageConnection? OpenConnection => _connection is { IsClosed: false } open ? open : null;

    /// <summary>The silo start at the other end of the open connection, from its hello; null before the first one.</summary>
    public SiloAddress? RemoteSilo { get; private set; }

    /// <summary>Completes after the first connection attempt, whatever its outcome.</summary>
    public Task FirstAttempt => _firstAttempt.Task;

    public void Start() => _running = RunAsync();

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _running;
        if (_connection is { } connection)
        {
            await connection.DisposeAsync();
        }
    }

    /// <summary>Stops reconnecting and ends the connection without failing a call in flight (see <see cref="MessageConnection.DrainAsync"/>).</summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        await _stopping.CancelAsync();
        await _running;
        if (_connection is { } connection)
        {
            await connection.DrainAsync(timeout);
        }
    }

    private async Task RunAsync()
    {
        var delay = reconnectDelay;
        while (!_stopping.IsCancellationRequested)
        {
            var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            MessageConnection? connection = null;
            try
            {
                var stream = await context.ConnectAsync(endpoint.Host, endpoint.Port, _stopping.Token);
                connection = await MessageConnection.StartAsync(stream, endpoint.ToString(), hello, context, (_, _) => closed.TrySetResult());
                var remote = await connection.RemoteHello.WaitAsync(context.TransportOptions.ConnectTimeout, _stopping.Token);
                onConnected(remote);
                RemoteSilo = SiloAddress.TryParse(remote.SiloAddress, out var silo) ? silo : null;
                _connection = connection;
                delay = reconnectDelay;
                LogConnected(logger, endpoint.ToString());
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                await DisposeQuietlyAsync(connection);
                return;
            }
            catch (Exception exception)
            {
                // Whatever failed (no listener, a bad hello, a timeout), the half-open connection goes and the loop retries.
                LogConnectFailed(logger, endpoint.ToString(), delay, exception.Message);
                await DisposeQuietlyAsync(connection);
                closed.TrySetResult();
            }
            finally
            {
                _firstAttempt.TrySetResult();
            }

            try
            {
                await closed.Task.WaitAsync(_stopping.Token);
                await Task.Delay(delay, context.TimeProvider, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxReconnectDelay.Ticks));
        }
    }

    private static async Task DisposeQuietlyAsync(MessageConnection? connection)
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to gateway {Gateway}")]
    private static partial void LogConnected(ILogger logger, string gateway);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway {Gateway} unreachable, retrying in {Delay}: {Reason}")]
    private static partial void LogConnectFailed(ILogger logger, string gateway, TimeSpan delay, string reason);
}
