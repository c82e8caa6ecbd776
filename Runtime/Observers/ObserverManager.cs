using System.Collections;
using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Observers;

/// <summary>
/// Keeps a grain's subscribers, as Orleans's ObserverManager does: a subscription expires unless renewed
/// within <see cref="ExpirationDuration"/> (subscribers re-subscribe periodically, so a vanished caller is
/// dropped), and an observer whose notification fails is removed. Used inside one activation, so not thread-safe.
/// </summary>
/// <typeparam name="TObserver">The observer interface.</typeparam>
public sealed partial class ObserverManager<TObserver> : IEnumerable<TObserver>
    where TObserver : notnull
{
    private readonly Dictionary<TObserver, DateTimeOffset> _observers = [];
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a manager whose subscriptions expire after <paramref name="expiration"/>.</summary>
    public ObserverManager(TimeSpan expiration, ILogger logger)
        : this(expiration, logger, TimeProvider.System)
    {
    }

    /// <summary>Creates a manager that reads time from <paramref name="timeProvider"/>.</summary>
    public ObserverManager(TimeSpan expiration, ILogger logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ExpirationDuration = expiration;
        _logger = logger;
        _timeProvider = timeProvider;
    }

    /// <summary>How long a subscription lasts without renewal.</summary>
    public TimeSpan ExpirationDuration
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            field = value;
        }
    }

    /// <summary>The number of current subscriptions, expired ones included until the next clean-up.</summary>
    public int Count => _observers.Count;

    /// <summary>The subscribed observers and when each last subscribed.</summary>
    public IReadOnlyDictionary<TObserver, DateTimeOffset> Observers => _observers;

    /// <summary>Adds or renews a subscription.</summary>
    public void Subscribe(TObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers[observer] = _timeProvider.GetUtcNow();
    }

    /// <summary>Removes a subscription.</summary>
    public void Unsubscribe(TObserver observer) => _observers.Remove(observer);

    /// <summary>Removes every subscription.</summary>
    public void Clear() => _observers.Clear();

    /// <summary>Removes subscriptions not renewed within <see cref="ExpirationDuration"/>.</summary>
    public void ClearExpired()
    {
        var cutoff = _timeProvider.GetUtcNow() - ExpirationDuration;
        foreach (var (observer, subscribed) in _observers)
        {
            if (subscribed < cutoff)
            {
                _observers.Remove(observer);
                LogExpired(_logger, observer.ToString());
            }
        }
    }

    /// <summary>
    /// Calls <paramref name="notification"/> on every live subscriber (optionally those matching
    /// <paramref name="predicate"/>) concurrently, and drops those that fail.
    /// </summary>
    public async Task Notify(Func<TObserver, Task> notification, Func<TObserver, bool>? predicate = null)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ClearExpired();
        var targets = _observers.Keys.Where(observer => predicate is null || predicate(observer)).ToList();
        var outcomes = await Task.WhenAll(targets.Select(observer => NotifyOneAsync(observer, notification)));
        for (var i = 0; i < targets.Count; i++)
        {
            if (!outcomes[i])
            {
                _observers.Remove(targets[i]);
            }
        }
    }

    /// <summary>Calls <paramref name="notification"/> on every live subscriber and drops those that throw.</summary>
    public void Notify(Action<TObserver> notification, Func<TObserver, bool>? predicate = null)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ClearExpired();
        foreach (var observer in _observers.Keys.ToList())
        {
            if (predicate is not null && !predicate(observer))
            {
                continue;
            }

            try
            {
                notification(observer);
            }
            catch (Exception exception)
            {
                _observers.Remove(observer);
                LogNotificationFailed(_logger, exception, observer.ToString());
            }
        }
    }

    /// <inheritdoc />
    public IEnumerator<TObserver> GetEnumerator() => _observers.Keys.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private async Task<bool> NotifyOneAsync(TObserver observer, Func<TObserver, Task> notification)
    {
        try
        {
            await notification(observer);
            return true;
        }
        catch (Exception exception)
        {
            LogNotificationFailed(_logger, exception, observer.ToString());
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Observer {Observer} did not renew its subscription and was removed")]
    private static partial void LogExpired(ILogger logger, string? observer);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notifying observer {Observer} failed; it was removed")]
    private static partial void LogNotificationFailed(ILogger logger, Exception exception, string? observer);
}
