using Cluster.Runtime.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cluster.Runtime.Membership;

/// <summary>
/// Hears about every change of one cluster's membership table as it commits: LISTENs on the channel
/// <see cref="PostgresMembershipTable"/> notifies on, over a dedicated connection, and raises <see cref="Changed"/>.
/// When the connection drops it reconnects with exponential backoff (with jitter, so a restarted database is not hit
/// by every silo at once) and raises <see cref="Changed"/> again, because notifications sent meanwhile are lost.
/// The watcher is a push hint only: a consumer still reads the table periodically, since nothing can tell it that
/// a notification was lost on a connection that has not yet noticed it is dead.
/// </summary>
public sealed partial class PostgresMembershipWatcher : IAsyncDisposable
{
    private const string ApplicationName = "Cluster membership watcher";
    private const string ListenSql = "LISTEN " + MembershipSchema.Channel;

    private readonly PostgresMembershipOptions _options;
    private readonly string _connectionString;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _firstListen = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private Task? _loop;
    private bool _disposed;
    private volatile bool _isListening;
    private int _lastVersion = -1;

    /// <summary>Creates a watcher; it connects when started.</summary>
    /// <param name="options">The options; the connection string may set <c>Application Name</c> to tell this connection apart.</param>
    /// <param name="logger">The logger; <c>null</c> for none.</param>
    /// <exception cref="OptionsValidationException">The options are invalid; the message says what to set.</exception>
    public PostgresMembershipWatcher(PostgresMembershipOptions options, ILogger<PostgresMembershipWatcher>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionsGuard.ThrowIfInvalid(new PostgresMembershipOptionsValidator(), null, options);

        _options = options;
        _logger = logger ?? NullLogger<PostgresMembershipWatcher>.Instance;
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        builder.ApplicationName ??= ApplicationName;

        // A pooled connection could outlive a failure unnoticed in the pool; this one is opened and closed by the loop only.
        builder.Pooling = false;
        if (builder.KeepAlive == 0)
        {
            builder.KeepAlive = (int)Math.Ceiling(options.ListenKeepAlive.TotalSeconds);
        }

        _connectionString = builder.ConnectionString;
    }

    /// <summary>
    /// Raised for every notification of this cluster (with its version) and each time the watcher starts listening,
    /// first or again (without a version: the consumer should read the table, since changes may have been missed).
    /// </summary>
    /// <remarks>
    /// An event rather than an <see cref="IAsyncEnumerable{T}"/>: consumers only need to know that they should read the
    /// table again, and a version is only a hint of how far to read, so there is nothing to buffer. An enumerable would
    /// need a queue per reader and a policy for readers that fall behind; an event lets any number of consumers
    /// subscribe and costs nothing without them. Handlers run one at a time on the watcher's loop, which waits for
    /// them: they must only record the signal (set a flag, release a semaphore, write to a channel) and return. A
    /// handler that throws is logged and does not stop the others or the watcher.
    /// </remarks>
    public event Action<MembershipChange>? Changed;

    /// <summary>The cluster whose changes are reported.</summary>
    public string ClusterId => _options.ClusterId;

    /// <summary>Whether the watcher is connected and listening now.</summary>
    public bool IsListening => _isListening;

    /// <summary>The highest version heard in a notification of this cluster, or <c>null</c> before the first.</summary>
    public int? LastVersion => Volatile.Read(ref _lastVersion) is var version and >= 0 ? version : null;

    /// <summary>
    /// Starts listening, and completes when the watcher listens for the first time. Until then it keeps trying with
    /// backoff, logging each failure; cancelling <paramref name="cancellationToken"/> stops the wait, not the watcher.
    /// Calling it again only waits again.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="ObjectDisposedException">The watcher was disposed.</exception>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _loop ??= Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        }

        return _firstListen.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops listening and closes the connection; waits for a running <see cref="Changed"/> handler to return.</summary>
    public async ValueTask DisposeAsync()
    {
        Task? loop;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            loop = _loop;
        }

        await _stopping.CancelAsync();
        if (loop is not null)
        {
            await loop;
        }

        _firstListen.TrySetCanceled();
        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var delay = _options.ListenReconnectDelay;
        var hasListened = false;
        while (true)
        {
            var listening = false;
            try
            {
                await using var connection = new NpgsqlConnection(_connectionString);
                connection.Notification += OnNotification;
                await connection.OpenAsync(stopping);
                await using (var listen = new NpgsqlCommand(ListenSql, connection))
                {
                    await listen.ExecuteNonQueryAsync(stopping);
                }

                listening = true;
                _isListening = true;
                OnListening(hasListened);
                hasListened = true;
                while (true)
                {
                    await connection.WaitAsync(stopping);
                }
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                _isListening = false;
                return;
            }
            catch (Exception exception)
            {
                _isListening = false;

                // A connection that worked resets the backoff: one drop is not a reason to wait long.
                var wait = listening ? _options.ListenReconnectDelay : delay;
                delay = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, _options.ListenMaxReconnectDelay.Ticks));
                wait *= 1 + (Random.Shared.NextDouble() * 0.2);
                LogListenFailed(_logger, exception, ClusterId, wait);
                try
                {
                    await Task.Delay(wait, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void OnListening(bool again)
    {
        if (again)
        {
            LogListeningAgain(_logger, ClusterId, MembershipSchema.Channel);
        }
        else
        {
            LogListening(_logger, ClusterId, MembershipSchema.Channel);
        }

        _firstListen.TrySetResult();
        Raise(new MembershipChange(again ? MembershipChangeReason.Reconnected : MembershipChangeReason.Connected, null));
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs notification)
    {
        if (!string.Equals(notification.Channel, MembershipSchema.Channel, StringComparison.Ordinal))
        {
            return;
        }

        if (!MembershipNotification.TryParse(notification.Payload, out var clusterId, out var version))
        {
            LogMalformedNotification(_logger, notification.Payload, MembershipSchema.Channel);
            return;
        }

        if (!string.Equals(clusterId, ClusterId, StringComparison.Ordinal))
        {
            return;
        }

        // Only the loop writes, so a plain compare is enough; the volatile write publishes it to readers.
        if (version > _lastVersion)
        {
            Volatile.Write(ref _lastVersion, version);
        }

        Raise(new MembershipChange(MembershipChangeReason.Notification, version));
    }

    private void Raise(MembershipChange change)
    {
        if (Changed is not { } handlers)
        {
            return;
        }

        // One at a time, so a handler that throws does not keep the signal from the others.
        foreach (var handler in handlers.GetInvocationList().Cast<Action<MembershipChange>>())
        {
            try
            {
                handler(change);
            }
            catch (Exception exception)
            {
                LogHandlerFailed(_logger, exception, ClusterId, change.Reason);
            }
        }
    }
}
